"""The first pages: the list of events (each with its way in) and the health check."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from forum.services.connections import store_health
from forum.services.events import event_summaries
from forum.services.workers import NO_WORKER, live_workers
from forum.web.auth import viewer_of
from forum.web.calls import call, client_of, settings_of
from forum.web.render import page

log = logging.getLogger("forum.web")
STORE_UNAVAILABLE = "store unavailable"


async def event_list(request: Request) -> Response:
    """Every event, each with the way in: its sign-in, or the pages of the one the browser is signed in to."""
    found = await call(event_summaries, client_of(request))
    return page(request, "events.html", {"events": [(s.event, s.counts) for s in found]},
                viewer=await viewer_of(request))


async def healthz(request: Request) -> Response:
    problem = await call(store_health, client_of(request))
    if problem is not None:
        # The error text names hosts and ports: it goes to the log, the unauthenticated answer stays generic.
        log.warning("health check: store unavailable: %s", problem)
        return JSONResponse({"status": "unavailable", "redis": STORE_UNAVAILABLE}, status_code=503)
    # Pages still answer without a worker, but no run would ever start: the deployment is not healthy.
    if not await call(live_workers, client_of(request), settings_of(request).queue_name):
        return JSONResponse({"status": "unavailable", "redis": "ok", "workers": NO_WORKER}, status_code=503)
    return JSONResponse({"status": "ok", "redis": "ok"})
