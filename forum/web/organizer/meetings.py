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
from forum.web.organizer.common import (
    Confirmation,
    act,
    base,
    confirm_page,
    confirmed,
    organizer,
    posted,
    render,
    words,
)
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


async def _confirm_cancel(request: Request, viewer: Viewer) -> Response:
    """A cancel tells the people in the meeting at once and cannot be undone: say so, and who they are."""
    _ = words(request)
    meeting, people = await call(meeting_admin.meeting_people, client_of(request), viewer.event,
                                 request.path_params["meeting"])
    named = ", ".join(f"{p.name} ({p.organization})" if p.organization else p.name for p in people)
    found = Confirmation(_("Cancel meeting %(meeting)s?") % {"meeting": meeting.id}, [
        _("The meeting is cancelled and its table and time are freed; this cannot be undone.") ,
        _("Told at once on their phones: %(people)s.") % {"people": named or "—"}],
        f"{_back(request)}/{meeting.id}/state", _("Cancel the meeting"), _back(request), [("action", "cancel")])
    return confirm_page(request, viewer, found, "meetings")


async def change_state(request: Request) -> Response:
    viewer, form = await posted(request)
    if field(form, "action", 20) == "cancel" and not confirmed(form):
        return await _confirm_cancel(request, viewer)

    async def work(viewer: Viewer, form: FormData) -> str:
        action, ident = field(form, "action", 20), request.path_params["meeting"]
        await call(meeting_admin.set_state, client_of(request), viewer.event, ident, action, viewer.attendee)
        return words(request)("Meeting %(meeting)s: %(action)s done.") % {"meeting": ident,
                                                                          "action": words(request)(action)}

    return await act(request, page, work, _back(request), (viewer, form))


async def move(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        ident = field(form, "meeting", 100)
        slot, table = field(form, "slot", 100), field(form, "location", 100)
        await call(meeting_admin.move, client_of(request), viewer.event, ident, slot, table, viewer.attendee)
        return words(request)("Meeting %(meeting)s moved to %(slot)s at %(table)s and locked.") % {
            "meeting": ident, "slot": slot, "table": table}

    return await act(request, page, work, _back(request))


routes = [
    Route("/e/{event}/organizer/meetings", show, methods=["GET"]),
    Route("/e/{event}/organizer/meetings/move", move, methods=["POST"]),
    Route("/e/{event}/organizer/meetings/{meeting}/state", change_state, methods=["POST"]),
]
