"""Sign-in pages: personal link with a confirm button, access code form, sign-out, home dispatch."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from forum.services.signin import access as signin
from forum.store.sessions import SessionStore
from forum.web import i18n
from forum.web.auth import (
    SESSION_COOKIE,
    anonymous_csrf,
    check_csrf,
    remember_anonymous_csrf,
    require_viewer,
    set_session_cookie,
)


def _page(request: Request, template: str, context: dict[str, object], status: int = 200) -> Response:
    lang = i18n.choose(request)
    context = {"csrf": anonymous_csrf(request), "lang": lang, "_": i18n.translator(lang), **context}
    response = request.app.state.templates.TemplateResponse(request, template, context, status_code=status)
    remember_anonymous_csrf(request, response)
    i18n.remember(request, response, lang)
    return response


def _signed_in(request: Request, cookie: str) -> Response:
    event = cookie.rpartition(".")[0]
    response = RedirectResponse(f"/e/{event}", status_code=303)
    set_session_cookie(request, response, cookie)
    return response


async def code_form(request: Request) -> Response:
    events = await run_in_threadpool(request.app.state.store.all_events)
    return _page(request, "signin.html", {"events": events, "chosen": request.query_params.get("event", "")})


async def code_submit(request: Request) -> Response:
    form = await request.form()
    await check_csrf(request, form)
    event, code = str(form.get("event") or ""), str(form.get("code") or "")
    address = request.client.host if request.client else "unknown"
    cookie = await run_in_threadpool(signin.sign_in_with_code, request.app.state.redis, event, code, address)
    return _signed_in(request, cookie)


async def link_confirm_form(request: Request) -> Response:
    target = signin.read_link(request.app.state.settings.secret_key, request.path_params["token"])
    attendee = await run_in_threadpool(request.app.state.store.entities(target.event, "attendee").find,
                                       target.attendee)
    return _page(request, "signin_confirm.html", {"attendee": attendee, "token": request.path_params["token"]})


async def link_confirm(request: Request) -> Response:
    form = await request.form()
    await check_csrf(request, form)
    secret = request.app.state.settings.secret_key
    cookie = await run_in_threadpool(signin.confirm_link, request.app.state.redis, secret,
                                     request.path_params["token"])
    return _signed_in(request, cookie)


async def sign_out(request: Request) -> Response:
    form = await request.form()
    await check_csrf(request, form)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        await run_in_threadpool(SessionStore(request.app.state.redis).delete, cookie)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


async def home(request: Request) -> Response:
    event = request.path_params["event"]
    viewer = await require_viewer(request, event)
    target = "organizer" if viewer.is_organizer else "agenda"
    return RedirectResponse(f"/e/{event}/{target}", status_code=303)


routes = [
    Route("/signin", code_form, methods=["GET"], name="signin"),
    Route("/signin", code_submit, methods=["POST"]),
    Route("/signin/{token}", link_confirm_form, methods=["GET"], name="signin_link"),
    Route("/signin/{token}", link_confirm, methods=["POST"]),
    Route("/signout", sign_out, methods=["POST"], name="signout"),
    Route("/e/{event}", home, name="home"),
]
