"""JSON API of solver runs for the organizer console: start, list, detail with progress, cancel, publish."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from forum.services.notify import run_json
from forum.services.runs import lifecycle as runs
from forum.services.runs import publish
from forum.services.runs.queries import runs_listing
from forum.web.auth import check_csrf
from forum.web.calls import call, client_of, jobs_of, settings_of
from forum.web.forms import read_json
from forum.web.organizer.common import organizer


async def _organizer(request: Request, change: bool = False) -> str:
    """The event of an organizer's call; a change must carry the session's token in X-CSRF-Token."""
    viewer = await organizer(request)
    if change:
        await check_csrf(request)
    return viewer.event


async def start(request: Request) -> JSONResponse:
    event = await _organizer(request, change=True)
    body = await read_json(request)
    limit = body.get("time_limit", settings_of(request).solver_time_limit)
    run = await call(runs.start_run, client_of(request), jobs_of(request), event, limit, body.get("weights"),
                     max_moved=body.get("max_moved"))
    return JSONResponse({"run": run_json(run)}, status_code=202)


async def listing(request: Request) -> JSONResponse:
    event = await _organizer(request)
    found = await call(runs_listing, client_of(request), event, jobs_of(request))
    return JSONResponse({"runs": [run_json(r) for r in found.runs], "active": found.active,
                         "published": found.published})


async def detail(request: Request) -> JSONResponse:
    event = await _organizer(request)
    found = await call(runs.run_detail, client_of(request), event, request.path_params["run"])
    return JSONResponse({"run": found})


async def cancel(request: Request) -> JSONResponse:
    event = await _organizer(request, change=True)
    run = await call(runs.cancel_run, client_of(request), jobs_of(request), event, request.path_params["run"])
    return JSONResponse({"run": run_json(run)}, status_code=202)


async def publish_one(request: Request) -> JSONResponse:
    event = await _organizer(request, change=True)
    summary = await call(publish.publish_run, client_of(request), event, request.path_params["run"])
    return JSONResponse(summary)


PREFIX = "/api/events/{event}/runs"
routes = [
    Route(PREFIX, start, methods=["POST"], name="api_run_start"),
    Route(PREFIX, listing, methods=["GET"], name="api_runs"),
    Route(PREFIX + "/{run}", detail, methods=["GET"], name="api_run"),
    Route(PREFIX + "/{run}/cancel", cancel, methods=["POST"], name="api_run_cancel"),
    Route(PREFIX + "/{run}/publish", publish_one, methods=["POST"], name="api_run_publish"),
]
