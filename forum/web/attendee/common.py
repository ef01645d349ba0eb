"""What every attendee page shares: who is asking, the language, CSRF-checked forms, safe redirects."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from forum.errors import ForumError, InvalidInput, SignInRequired
from forum.web import i18n
from forum.web.auth import Viewer, check_csrf, require_viewer, viewer_of

T = TypeVar("T")
Handler = Callable[[Request], Awaitable[Response]]
MAX_FIELD = 2000  # any single form value; the services apply the tighter per-field limits
MAX_FIELDS = 50
MAX_BODY = 64 * 1024  # a request form is a few hundred bytes; refuse megabytes before parsing them
DONE = {"sent", "withdrawn", "accepted", "declined"}
# One-tap answers must not be tappable through someone else's frame; pages load only our own files.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "private, no-store",  # a shared phone's back button must not show someone's agenda
}


async def call(fn: Callable[..., T], *args: Any) -> T:
    """Run a (blocking, Redis-touching) service call off the event loop."""
    return await run_in_threadpool(fn, *args)


async def viewer(request: Request) -> Viewer:
    return await require_viewer(request, request.path_params["event"])


def redis_of(request: Request) -> Any:
    return request.app.state.redis


async def posted(request: Request) -> tuple[Viewer, FormData]:
    """The signed-in attendee and their form, after the CSRF check; oversized forms are refused."""
    who = await viewer(request)
    try:
        length = int(request.headers.get("content-length", "0"))
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        raise InvalidInput("This form is far too large.", status=413)
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    await check_csrf(request, form)
    for _, value in form.multi_items():
        if not isinstance(value, str):
            raise InvalidInput("Files cannot be sent here.")
        if len(value) > MAX_FIELD:
            raise InvalidInput("One of the fields is far too long.")
    return who, form


def field(form: FormData, name: str) -> str:
    """A single-valued field; sent twice is a malformed form, not a choice."""
    if len(form.getlist(name)) > 1:
        raise InvalidInput(f"The field {name!r} was sent more than once.")
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _safe_path(event: str, target: str) -> str | None:
    """A path of this event's pages, or None (a redirect must never lead to another site)."""
    ok = target.startswith(f"/e/{event}/") and "//" not in target and "\\" not in target and len(target) < 300
    return target.split("#")[0].split("?")[0] if ok else None


def back_to(request: Request, form: FormData, default: str, done: str = "") -> Response:
    """Redirect after a POST to a page of this event only (never to another site)."""
    event = request.path_params["event"]
    path = _safe_path(event, field(form, "back")) or f"/e/{event}/{default}"
    if done in DONE:
        path = f"{path}?done={done}"
    return RedirectResponse(path, status_code=303)


def shows_problems(handler: Handler) -> Handler:
    """A refused form answers with its message in the viewer's language and a way back, not a bare error page.

    Without a signed-in attendee of this event there is no attendee page to show: the app's handlers answer.
    """
    @functools.wraps(handler)
    async def answer(request: Request) -> Response:
        try:
            return await handler(request)
        except ForumError as exc:
            event = request.path_params["event"]
            who = None if isinstance(exc, SignInRequired) else await viewer_of(request)
            if who is None or who.event != event:
                raise
            came_from = urlsplit(request.headers.get("referer", ""))
            ours = came_from.netloc == request.headers.get("host", "")
            back = (_safe_path(event, came_from.path) if ours else None) or f"/e/{event}/agenda"
            context = {"status": exc.status, "message": exc.message, "back": back}
            return page(request, who, "attendee/problem.html", context, status=exc.status)

    return answer


def page(request: Request, who: Viewer, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render an attendee page in the viewer's language (a `?lang=` choice is remembered in a cookie)."""
    lang = i18n.choose(request)
    done = request.query_params.get("done", "")
    other = "en" if lang == "fr" else "fr"
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("lang", "done")]
    context = {"viewer": who, "csrf": who.csrf, "event_id": who.event, "lang": lang, "_": i18n.translator(lang),
               "done": done if done in DONE else "", "path": request.url.path, "other_lang": other,
               "other_lang_url": "?" + urlencode([*kept, ("lang", other)]), **context}
    response = request.app.state.templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update(PAGE_HEADERS)
    i18n.remember(request, response, lang)
    return response
