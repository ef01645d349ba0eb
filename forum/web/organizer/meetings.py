"""Meeting management: lock, unlock, cancel, move by hand (the validator refuses clashes), the audit log."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.schedule import meeting_admin
from forum.services.schedule.overview import audit_entries
from forum.web.auth import Viewer
from forum.web.organizer.common import act, base, call, organizer, render, text
from forum.web.views.meeting_view import meetings_view

STATUSES = ("", "proposed", "accepted", "declined", "cancelled")


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    client = request.app.state.redis
    query = request.query_params.get("q", "")[:100]
    wanted = request.query_params.get("status", "")
    found = await call(meetings_view, client, viewer.event, query, wanted if wanted in STATUSES else "")
    event = await call(request.app.state.store.get, viewer.event)
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
        action, ident = text(form, "action", 20), request.path_params["meeting"]
        await call(meeting_admin.set_state, request.app.state.redis, viewer.event, ident, action, viewer.attendee)
        return f"Meeting {ident}: {action} done."

    return await act(request, page, work, _back(request))


async def move(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        ident = text(form, "meeting", 100)
        slot, table = text(form, "slot", 100), text(form, "location", 100)
        await call(meeting_admin.move, request.app.state.redis, viewer.event, ident, slot, table, viewer.attendee)
        return f"Meeting {ident} moved to {slot} at {table} and locked."

    return await act(request, page, work, _back(request))


routes = [
    Route("/e/{event}/organizer/meetings", show, methods=["GET"]),
    Route("/e/{event}/organizer/meetings/move", move, methods=["POST"]),
    Route("/e/{event}/organizer/meetings/{meeting}/state", change_state, methods=["POST"]),
]
