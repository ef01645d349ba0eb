"""Who is asking: the session cookie, the organizer role, CSRF tokens and websocket Origins."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import HTTPConnection, Request
from starlette.responses import Response

from forum.config import Settings
from forum.domain import Role
from forum.errors import Forbidden, SignInRequired
from forum.services.signin.sessions import session_of
from forum.web.calls import call, client_of, settings_of

SESSION_COOKIE = "forum_session"
ANON_CSRF_COOKIE = "forum_csrf"


@dataclass(frozen=True)
class Viewer:
    """The signed-in attendee of one request; `role` is read from their record for this request."""

    event: str
    attendee: str
    role: str
    csrf: str

    @property
    def is_organizer(self) -> bool:
        return self.role == Role.ORGANIZER.value


async def viewer_of(conn: HTTPConnection) -> Viewer | None:
    """The signed-in attendee of this request or websocket, or None."""
    cached = conn.scope.get("forum.viewer")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    cookie = conn.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    record = await call(session_of, client_of(conn), cookie)
    if record is None:
        return None
    viewer = Viewer(record.event, record.attendee, record.role, record.csrf)
    conn.scope["forum.viewer"] = viewer
    return viewer


async def require_viewer(conn: HTTPConnection, event: str) -> Viewer:
    """The signed-in attendee of `event`; anyone else is sent to sign in or refused."""
    viewer = await viewer_of(conn)
    if viewer is None:
        raise SignInRequired("Please sign in to see this page.")
    if viewer.event != event:
        raise Forbidden("You are signed in for another event.")
    return viewer


async def require_organizer(conn: HTTPConnection, event: str) -> Viewer:
    viewer = await require_viewer(conn, event)
    if not viewer.is_organizer:
        raise Forbidden("This page is for the event's organizers.")
    return viewer


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


async def check_csrf(request: Request, form: Any | None = None, anonymous: bool = False) -> None:
    """Refuse a state-changing request whose CSRF token (form field `csrf` or header) does not match: the
    session's, or for the sign-in forms (`anonymous`, shown to anyone, signed in or not) the double-submit
    cookie's."""
    sent = request.headers.get("x-csrf-token", "")
    if not sent and form is not None:
        value = form.get("csrf")
        sent = value if isinstance(value, str) else ""
    viewer = None if anonymous else await viewer_of(request)
    expected = viewer.csrf if viewer is not None else request.cookies.get(ANON_CSRF_COOKIE, "")
    if not _same(sent, expected):
        raise Forbidden("This form has expired or did not come from this site. Reload the page and try again.")


def anonymous_csrf(request: Request) -> str:
    """A double-submit token for forms shown before sign-in (set with `remember_anonymous_csrf`)."""
    return request.cookies.get(ANON_CSRF_COOKIE) or request.scope.setdefault(
        "forum.anon_csrf", secrets.token_urlsafe(24)
    )


def remember_anonymous_csrf(request: Request, response: Response) -> None:
    if not request.cookies.get(ANON_CSRF_COOKIE):
        response.set_cookie(ANON_CSRF_COOKIE, anonymous_csrf(request), httponly=True, samesite="lax",
                            secure=is_https(request))


def is_https(conn: HTTPConnection) -> bool:
    settings = settings_of(conn)
    return conn.url.scheme in ("https", "wss") or settings.public_origin.startswith("https://")


def set_session_cookie(request: Request, response: Response, value: str) -> None:
    response.set_cookie(SESSION_COOKIE, value, max_age=14 * 24 * 3600, httponly=True, samesite="lax",
                        secure=is_https(request))


def origin_allowed(conn: HTTPConnection, settings: Settings) -> bool:
    """A websocket may only be opened by our own pages: the Origin must be ours."""
    origin = conn.headers.get("origin")
    if not origin:
        return False
    if settings.public_origin:
        return origin.rstrip("/") == settings.public_origin.rstrip("/")
    host = conn.headers.get("host", "")
    return urlsplit(origin).netloc == host and urlsplit(origin).scheme in ("http", "https")
