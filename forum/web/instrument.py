"""HTTP latency by route pattern and sign-in failures, counted as a pure ASGI middleware around the app."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from forum.web.metrics import HTTP_LATENCY, SIGNIN_FAILURES

# The sign-in forms (signin_pages.routes): a refusal there (wrong code, bad link, too many tries) is a failure.
SIGNIN_POSTS = frozenset({"/signin", "/signin/{token}"})
UNMATCHED = "unmatched"  # no route: one label for every unknown path, so scanners cannot grow the series


def route_of(scope: Scope) -> str:
    """The matched route's pattern (`/e/{event}/agenda`), which Starlette's router leaves in the scope."""
    return str(getattr(scope.get("route"), "path", None) or UNMATCHED)


class Instrument:
    """Times each HTTP request from its arrival to its last body chunk, labelled by method, route and status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                # Counted before the last chunk leaves, so a client that sees the answer sees it counted.
                record(scope, status, time.perf_counter() - started)
            await send(message)

        await self.app(scope, receive, timed_send)


def record(scope: Scope, status: int, seconds: float) -> None:
    method, route = str(scope.get("method", "")), route_of(scope)
    HTTP_LATENCY.labels(method, route, f"{status // 100}xx").observe(seconds)
    if method == "POST" and route in SIGNIN_POSTS and status >= 400:
        SIGNIN_FAILURES.inc()
