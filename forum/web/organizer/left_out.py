"""Who is left out and why: unserved requesters, unmet wishes with the solver's reason and the nearest fix."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.schedule import left_out
from forum.web.organizer.common import call, organizer, render

SHOWN = 300


async def show(request: Request) -> Response:
    viewer = await organizer(request)
    found = await call(left_out.for_event, request.app.state.redis, viewer.event)
    return render(request, "organizer/left_out.html", viewer, {"lo": found, "rows": found.unmet[:SHOWN],
                                                                "section": "left_out"})


routes = [Route("/e/{event}/organizer/left-out", show, methods=["GET"])]
