"""Mail settings: the attendee's page (language, stop mails) and the stop link from a mail, which works
without signing in (its signed token is the credential; a button confirms, so a mail scanner's GET does not)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.errors import InvalidInput
from forum.services.mail import prefs
from forum.web import i18n
from forum.web.attendee.common import page, posted, viewer
from forum.web.auth import anonymous_csrf, remember_anonymous_csrf
from forum.web.calls import call, client_of, settings_of
from forum.web.forms import SIGNIN, field, read_form
from forum.web.render import page as render_page
from forum.web.render import see_other


async def settings_page(request: Request) -> Response:
    who = await viewer(request)
    found = await call(prefs.preferences, client_of(request), who.event, who.attendee)
    return page(request, who, "attendee/mail_prefs.html", {"prefs": found, "saved": request.query_params.get(
        "saved") == "1"})


async def save(request: Request) -> Response:
    who, form = await posted(request)
    language, stop = field(form, "language", 10), field(form, "mails", 10)
    if stop not in ("on", "off"):
        raise InvalidInput(i18n.translator(i18n.choose(request))("Choose whether you want these mails."))
    await call(prefs.save_preferences, client_of(request), who.event, who.attendee, language, stop == "off")
    return see_other(f"/e/{who.event}/mail?saved=1")


def _public(request: Request, template: str, context: dict[str, object]) -> Response:
    response = render_page(request, template, {"csrf": anonymous_csrf(request), **context})
    remember_anonymous_csrf(request, response)
    return response


async def stop_form(request: Request) -> Response:
    token = request.path_params["stop"]
    target = await call(prefs.read_stop_token, client_of(request), settings_of(request).secret_key, token)
    return _public(request, "mail_stop.html", {"target": target, "token": token, "stopped": False})


async def stop(request: Request) -> Response:
    await read_form(request, SIGNIN, anonymous=True)
    token = request.path_params["stop"]
    target = await call(prefs.stop_mails, client_of(request), settings_of(request).secret_key, token)
    return _public(request, "mail_stop.html", {"target": target, "token": token, "stopped": True})


routes = [
    Route("/e/{event}/mail", settings_page, methods=["GET"], name="mail_settings"),
    Route("/e/{event}/mail", save, methods=["POST"]),
    Route("/mail/stop/{stop}", stop_form, methods=["GET"], name="mail_stop"),
    Route("/mail/stop/{stop}", stop, methods=["POST"]),
]
