"""Who is left out and why: unserved requesters, unmet wishes with the solver's reason and the nearest fix."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.schedule import left_out, meeting_admin
from forum.web.auth import Viewer
from forum.web.calls import call, client_of
from forum.web.forms import field
from forum.web.organizer.common import act, base, organizer, render, words
from forum.web.views.left_out_view import named_rows

SHOWN = 300


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found = await call(left_out.for_event, client_of(request), viewer.event)
    rows = named_rows(found.unmet[:SHOWN], found.names)
    return render(request, "organizer/left_out.html", viewer, {"lo": found, "rows": rows,
                                                                "section": "left_out", "error": error}, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


async def place(request: Request) -> Response:
    """The nearest fix, taken: the unmet request gets a proposed, locked meeting there (the checker rechecks)."""
    async def work(viewer: Viewer, form: FormData) -> str:
        wish, slot, table = field(form, "wish", 100), field(form, "slot", 100), field(form, "location", 100)
        await call(meeting_admin.place, client_of(request), viewer.event, wish, slot, table, viewer.attendee)
        return words(request)("Request %(wish)s placed at %(slot)s, %(table)s, and locked.") % {
            "wish": wish, "slot": slot, "table": table}

    return await act(request, page, work, f"{base(request.path_params['event'])}/left-out")


routes = [
    Route("/e/{event}/organizer/left-out", show, methods=["GET"]),
    Route("/e/{event}/organizer/left-out/place", place, methods=["POST"]),
]
