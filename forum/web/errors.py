"""The one error path: each kind of error has its HTTP status here, answered as JSON for the API, else a page."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, urlencode, urlsplit

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
# Starlette's own words for a route it does not have, and what a person reads instead.
PLAIN = {404: "There is no page at this address. Check the link, or start again from one of the links below.",
         405: "This address does not take this kind of request. Start again from one of the links below."}
EVENT_IN_PATH = re.compile(r"^/e/([A-Za-z0-9_.-]{1,64})(?:/|$)")


def status_of(exc: ForumError) -> int:
    return next((status for kind, status in STATUSES if isinstance(exc, kind)), 400)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def answer(request: Request, status: int, message: str, headers: dict[str, str] | None = None,
           viewer: Viewer | None = None) -> Response:
    """The error as JSON or as a page in the reader's language: an attendee of this event gets it in their own
    pages; anyone else (organizers, people not signed in) gets a page with links that lead somewhere useful."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    if viewer is None or viewer.is_organizer or "/organizer" in request.url.path:
        context = {"status": status, "message": message, "ways": _ways_on(request, viewer)}
        response = page(request, "error.html", context, status)
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


def _ways_on(request: Request, viewer: Viewer | None) -> list[tuple[str, str]]:
    """Links that lead somewhere useful from an error, best first, as (address, English label): the
    console or the agenda for someone signed in, the sign-in of the event in the address, and the event list
    (which links to every event's sign-in). Built from the checked event id only, never from the raw path."""
    ways: list[tuple[str, str]] = []
    if viewer is not None:
        home = "organizer" if viewer.is_organizer else "agenda"
        came_from = _way_back(request, viewer.event)
        if came_from != request.url.path and not came_from.endswith("/agenda"):
            ways.append((came_from, "Back to the page I came from"))
        ways.append((f"/e/{viewer.event}/{home}", "Back to the console" if viewer.is_organizer else
                     "Back to my agenda"))
    found = EVENT_IN_PATH.match(request.url.path)
    if found and (viewer is None or viewer.event != found[1]):
        ways.append((f"/signin?{urlencode({'event': found[1]})}", "Sign in to this event"))
    elif viewer is None and request.url.path.startswith("/signin"):
        ways.append(("/signin", "Back to sign-in"))
    ways.append(("/", "All events"))
    return ways


async def _viewer_of_page(request: Request) -> Viewer | None:
    """Whoever is signed in, when they are signed in to the event of this page (or the page names no event)."""
    event = EVENT_IN_PATH.match(request.url.path)
    try:
        found = await viewer_of(request)
    except StoreError:
        return None
    if found is None or (event is not None and found.event != event[1]):
        return None
    return found




async def forum_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ForumError)
    if isinstance(exc, SignInRequired):
        if not wants_json(request) and request.method == "GET":
            found = EVENT_IN_PATH.match(request.url.path)  # the sign-in form opens on that event
            chosen = f"&{urlencode({'event': found[1]})}" if found else ""
            return RedirectResponse(f"/signin?next={quote(request.url.path)}{chosen}", status_code=303)
        return answer(request, status_of(exc), exc.message)
    viewer = None if isinstance(exc, Unavailable) else await _viewer_of_page(request)
    return answer(request, status_of(exc), exc.message, viewer=viewer)


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals: no such page (404), a method the route does not serve (405)."""
    assert isinstance(exc, HTTPException)
    message = str(exc.detail) if wants_json(request) else PLAIN.get(exc.status_code, str(exc.detail))
    return answer(request, exc.status_code, message, dict(exc.headers or {}), await _viewer_of_page(request))


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
