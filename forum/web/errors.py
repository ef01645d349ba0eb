"""The one error path: each kind of error has its HTTP status here, answered as JSON for the API, else a page."""

from __future__ import annotations

import logging
from urllib.parse import quote, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from forum.errors import (
    Conflict,
    Forbidden,
    ForumError,
    InvalidInput,
    NotFound,
    SignInRequired,
    TooLarge,
    TooManyAttempts,
    Unavailable,
)
from forum.services.connections import StoreError, StoreFull
from forum.web.auth import Viewer, viewer_of
from forum.web.render import event_path, page

log = logging.getLogger("forum.web")

# Most specific first: a TooLarge is also an InvalidInput.
STATUSES: tuple[tuple[type[ForumError], int], ...] = (
    (TooLarge, 413), (InvalidInput, 400), (SignInRequired, 401), (Forbidden, 403), (NotFound, 404),
    (Conflict, 409), (TooManyAttempts, 429), (Unavailable, 503),
)
STORE_DOWN = "The schedule store is unavailable right now; please try again shortly."
STORE_FULL = ("The schedule store is full, so nothing can be saved right now and your change was not made; "
              "please tell the organizers.")


def status_of(exc: ForumError) -> int:
    return next((status for kind, status in STATUSES if isinstance(exc, kind)), 400)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def answer(request: Request, status: int, message: str, headers: dict[str, str] | None = None,
           viewer: Viewer | None = None) -> Response:
    """The error as JSON or as a page; an attendee of this event gets it in their own pages, translated."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    if viewer is None:
        response = page(request, "error.html", {"status": status, "message": message}, status, translated=False)
    else:
        context = {"status": status, "message": message, "back": _way_back(request, viewer.event)}
        response = page(request, "attendee/problem.html", context, status, viewer=viewer)
    response.headers.update(headers or {})
    return response


def _way_back(request: Request, event: str) -> str:
    """The page the form was sent from when it is one of ours, else the agenda."""
    came_from = urlsplit(request.headers.get("referer", ""))
    ours = came_from.netloc == request.headers.get("host", "")
    return (event_path(event, came_from.path) if ours else None) or f"/e/{event}/agenda"


async def _attendee_of_page(request: Request) -> Viewer | None:
    """The signed-in attendee when this is one of their event's attendee pages (not the organizer console)."""
    event = request.path_params.get("event")
    if not event or request.url.path.startswith(f"/e/{event}/organizer"):
        return None
    try:
        found = await viewer_of(request)
    except StoreError:
        return None
    return found if found is not None and found.event == event else None


async def forum_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ForumError)
    if isinstance(exc, SignInRequired):
        if not wants_json(request) and request.method == "GET":
            return RedirectResponse(f"/signin?next={quote(request.url.path)}", status_code=303)
        return answer(request, status_of(exc), exc.message)
    viewer = None if isinstance(exc, Unavailable) else await _attendee_of_page(request)
    return answer(request, status_of(exc), exc.message, viewer=viewer)


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals: no such page (404), a method the route does not serve (405)."""
    assert isinstance(exc, HTTPException)
    return answer(request, exc.status_code, str(exc.detail), dict(exc.headers or {}))


async def store_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, StoreFull):  # maxmemory with noeviction: reads still work, every write is refused
        log.error("store full, a write was refused on %s: %s", request.url.path, exc)
        return answer(request, 503, STORE_FULL)
    log.error("store unavailable: %s", exc)
    return answer(request, 503, STORE_DOWN)


async def unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return answer(request, 500, "Something went wrong on our side; it has been logged.")


def exception_handlers() -> dict[object, object]:
    return {ForumError: forum_error, HTTPException: http_error, StoreError: store_error, Exception: unexpected}
