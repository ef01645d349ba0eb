"""The first pages: the list of events and the health check."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from forum.services.connections import store_health
from forum.services.events import event_summaries
from forum.web.calls import call, client_of
from forum.web.render import page


async def event_list(request: Request) -> Response:
    found = await call(event_summaries, client_of(request))
    return page(request, "events.html", {"events": [(s.event, s.counts) for s in found]}, translated=False)


async def healthz(request: Request) -> Response:
    problem = await call(store_health, client_of(request))
    if problem is not None:
        return JSONResponse({"status": "unavailable", "redis": problem}, status_code=503)
    return JSONResponse({"status": "ok", "redis": "ok"})
