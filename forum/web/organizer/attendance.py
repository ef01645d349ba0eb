"""The floor today for organizers: check-ins, no-shows and meetings still waiting, per slot (live)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.floor.board import board
from forum.web.calls import call, client_of
from forum.web.organizer.common import organizer, render


async def attendance(request: Request) -> Response:
    """The full page; the dashboard fetches it and takes its #attendance part (static/floor.js)."""
    viewer = await organizer(request)
    found = await call(board, client_of(request), viewer.event)
    return render(request, "organizer/attendance.html", viewer, {"board": found, "section": "dashboard"})


routes = [Route("/e/{event}/organizer/attendance", attendance, methods=["GET"], name="attendance")]
