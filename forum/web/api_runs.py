"""JSON API of solver runs for the organizer console: start, list, detail with progress, cancel, publish."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from forum.errors import InvalidInput
from forum.services.notify import run_json
from forum.services.runs import lifecycle as runs
from forum.services.runs import publish
from forum.services.runs.registry import open_queue
from forum.store.jobs import JobQueue
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.web.auth import check_csrf, require_organizer


def _jobs(request: Request) -> JobQueue:
    state = request.app.state
    if getattr(state, "jobs", None) is None:
        state.jobs = open_queue(state.settings.redis_url, state.settings.queue_name)
    return state.jobs  # type: ignore[no-any-return]


async def _organizer(request: Request, change: bool = False) -> str:
    event = request.path_params["event"]
    await require_organizer(request, event)
    if change:
        await check_csrf(request)
    return str(event)


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        found = json.loads(raw)
    except ValueError:
        raise InvalidInput("the body must be JSON") from None
    if not isinstance(found, dict):
        raise InvalidInput("the body must be a JSON object")
    return found


async def _call(fn: Callable[..., Any], *args: Any) -> Any:
    return await run_in_threadpool(fn, *args)


async def start(request: Request) -> JSONResponse:
    event = await _organizer(request, change=True)
    body = await _body(request)
    limit = body.get("time_limit", request.app.state.settings.solver_time_limit)
    run = await _call(runs.start_run, request.app.state.redis, _jobs(request), event, limit, body.get("weights"))
    return JSONResponse({"run": run_json(run)}, status_code=202)


async def listing(request: Request) -> JSONResponse:
    event = await _organizer(request)
    client = request.app.state.redis
    found = await _call(runs.list_runs, client, event, _jobs(request))
    active = await _call(RunStore(client).active, event)
    published = await _call(ScheduleStore(client).published_run, event)
    return JSONResponse({"runs": [run_json(r) for r in found], "active": active, "published": published})


async def detail(request: Request) -> JSONResponse:
    event = await _organizer(request)
    found = await _call(runs.run_detail, request.app.state.redis, event, request.path_params["run"])
    return JSONResponse({"run": found})


async def cancel(request: Request) -> JSONResponse:
    event = await _organizer(request, change=True)
    run = await _call(runs.cancel_run, request.app.state.redis, _jobs(request), event, request.path_params["run"])
    return JSONResponse({"run": run_json(run)}, status_code=202)


async def publish_one(request: Request) -> JSONResponse:
    event = await _organizer(request, change=True)
    summary = await _call(publish.publish_run, request.app.state.redis, event, request.path_params["run"])
    return JSONResponse(summary)


PREFIX = "/api/events/{event}/runs"
routes = [
    Route(PREFIX, start, methods=["POST"], name="api_run_start"),
    Route(PREFIX, listing, methods=["GET"], name="api_runs"),
    Route(PREFIX + "/{run}", detail, methods=["GET"], name="api_run"),
    Route(PREFIX + "/{run}/cancel", cancel, methods=["POST"], name="api_run_cancel"),
    Route(PREFIX + "/{run}/publish", publish_one, methods=["POST"], name="api_run_publish"),
]
