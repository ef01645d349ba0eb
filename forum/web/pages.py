"""The first pages: the list of events and the health check."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from forum.store import EventStore


async def event_list(request: Request) -> Response:
    store: EventStore = request.app.state.store

    def load() -> list[tuple[object, dict[str, int]]]:
        return [(event, store.counts(event.id)) for event in store.all_events()]

    events = await run_in_threadpool(load)
    return request.app.state.templates.TemplateResponse(request, "events.html", {"events": events})


async def healthz(request: Request) -> Response:
    try:
        await run_in_threadpool(request.app.state.redis.ping)
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return JSONResponse({"status": "unavailable", "redis": str(exc)}, status_code=503)
    return JSONResponse({"status": "ok", "redis": "ok"})
