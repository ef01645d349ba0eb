"""Security headers on every HTTP response, as a pure ASGI middleware (it leaves websockets and streams alone)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Pages load only our own files, and no other site may frame them: a one-tap answer must not be tappable
# through someone else's frame.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
# A shared phone's back button or a proxy must not show someone's agenda: nothing dynamic is stored.
NO_STORE = "private, no-store"
STATIC = "/static/"


class SecurityHeaders:
    """Adds HEADERS to every HTTP response (error pages and static files included) and Cache-Control: no-store
    to every dynamic one; a header a handler already set is kept."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        dynamic = not str(scope.get("path", "")).startswith(STATIC)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if dynamic:
                    headers.setdefault("Cache-Control", NO_STORE)
            await send(message)

        await self.app(scope, receive, send_with_headers)
