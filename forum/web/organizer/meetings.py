"""Meeting management: lock, unlock, cancel, move by hand (the validator refuses clashes), the audit log."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.events import get_event
from forum.services.schedule import meeting_admin
from forum.services.schedule.listing import schedule_listing
from forum.services.schedule.overview import audit_entries
from forum.web.auth import Viewer
from forum.web.calls import call, client_of
from forum.web.forms import field
from forum.web.organizer.common import act, base, organizer, render
from forum.web.views.meeting_view import meetings_view

STATUSES = ("", "proposed", "accepted", "declined", "cancelled")


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    client = client_of(request)
    query = request.query_params.get("q", "")[:100]
    wanted = request.query_params.get("status", "")
    listing = await call(schedule_listing, client, viewer.event)
    found = await call(meetings_view, listing, query, wanted if wanted in STATUSES else "")  # thousands of rows
    event = await call(get_event, client, viewer.event)
    audit = await call(audit_entries, client, viewer.event, event.timezone, 30)
    return render(request, "organizer/meetings.html", viewer, {
        "m": found, "q": query, "status": wanted, "statuses": STATUSES, "audit": audit, "section": "meetings",
        "move": request.query_params.get("move", "")[:100], "error": error}, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


def _back(request: Request) -> str:
    return f"{base(request.path_params['event'])}/meetings"


async def change_state(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        action, ident = field(form, "action", 20), request.path_params["meeting"]
        await call(meeting_admin.set_state, client_of(request), viewer.event, ident, action, viewer.attendee)
        return f"Meeting {ident}: {action} done."

    return await act(request, page, work, _back(request))


async def move(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        ident = field(form, "meeting", 100)
        slot, table = field(form, "slot", 100), field(form, "location", 100)
        await call(meeting_admin.move, client_of(request), viewer.event, ident, slot, table, viewer.attendee)
        return f"Meeting {ident} moved to {slot} at {table} and locked."

    return await act(request, page, work, _back(request))


routes = [
    Route("/e/{event}/organizer/meetings", show, methods=["GET"]),
    Route("/e/{event}/organizer/meetings/move", move, methods=["POST"]),
    Route("/e/{event}/organizer/meetings/{meeting}/state", change_state, methods=["POST"]),
]
