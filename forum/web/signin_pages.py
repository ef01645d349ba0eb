"""Sign-in pages: personal link with a confirm button, access code form, sign-out, home dispatch."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.errors import Forbidden, InvalidInput, NotFound, TooManyAttempts
from forum.services.events import all_events
from forum.services.signin import access as signin
from forum.services.signin.sessions import end_session, invited
from forum.web.auth import SESSION_COOKIE, anonymous_csrf, remember_anonymous_csrf, require_viewer, set_session_cookie
from forum.web.calls import call, client_of, settings_of
from forum.web.clients import client_address
from forum.web.errors import status_of
from forum.web.forms import SIGNIN, field, read_form
from forum.web.render import page, see_other


def _page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """A page shown before sign-in: its forms carry a double-submit CSRF token kept in a cookie."""
    response = page(request, template, {"csrf": anonymous_csrf(request), **context}, status)
    remember_anonymous_csrf(request, response)
    return response


async def _signed_in(request: Request, cookie: str) -> Response:
    """The new session replaces any the browser had (switching account ends the previous session)."""
    previous = request.cookies.get(SESSION_COOKIE)
    if previous and previous != cookie:
        await call(end_session, client_of(request), previous)
    event = cookie.rpartition(".")[0]
    response = see_other(f"/e/{event}")
    set_session_cookie(request, response, cookie)
    return response


async def _code_page(request: Request, chosen: str, error: str = "", status: int = 200) -> Response:
    events = await call(all_events, client_of(request))
    known = chosen if any(e.id == chosen for e in events) else ""
    return _page(request, "signin.html", {"events": events, "chosen": known, "error": error}, status)


async def code_form(request: Request) -> Response:
    return await _code_page(request, request.query_params.get("event", "")[:64])


async def code_submit(request: Request) -> Response:
    """A refused code (wrong, malformed, too many tries, unknown event) shows the form again, with the reason
    in the reader's language and the event still chosen: a second try is one tap away."""
    form = await read_form(request, SIGNIN, anonymous=True)
    event, code = field(form, "event"), field(form, "code")
    settings = settings_of(request)
    try:
        cookie = await call(signin.sign_in_with_code, client_of(request), settings.secret_key, event, code,
                            client_address(request, settings))
    except (InvalidInput, Forbidden, NotFound, TooManyAttempts) as refused:
        return await _code_page(request, event, refused.message, status_of(refused))
    return await _signed_in(request, cookie)


async def link_confirm_form(request: Request) -> Response:
    target = signin.read_link(settings_of(request).secret_key, request.path_params["token"])
    attendee = await call(invited, client_of(request), target)
    return _page(request, "signin_confirm.html", {"attendee": attendee, "token": request.path_params["token"]})


async def link_confirm(request: Request) -> Response:
    await read_form(request, SIGNIN, anonymous=True)
    secret = settings_of(request).secret_key
    cookie = await call(signin.confirm_link, client_of(request), secret, request.path_params["token"])
    return await _signed_in(request, cookie)


async def sign_out(request: Request) -> Response:
    await read_form(request, SIGNIN)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        await call(end_session, client_of(request), cookie)
    response = see_other("/signin")
    response.delete_cookie(SESSION_COOKIE)
    # A shared phone must not show this person's agenda offline: the browser drops the service worker's copy.
    response.headers["Clear-Site-Data"] = '"storage"'
    return response


async def home(request: Request) -> Response:
    event = request.path_params["event"]
    viewer = await require_viewer(request, event)
    return see_other(f"/e/{event}/{'organizer' if viewer.is_organizer else 'agenda'}")


routes = [
    Route("/signin", code_form, methods=["GET"], name="signin"),
    Route("/signin", code_submit, methods=["POST"]),
    Route("/signin/{token}", link_confirm_form, methods=["GET"], name="signin_link"),
    Route("/signin/{token}", link_confirm, methods=["POST"]),
    Route("/signout", sign_out, methods=["POST"], name="signout"),
    Route("/e/{event}", home, name="home"),
]
