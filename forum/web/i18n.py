"""English and French for attendee pages: a dict catalogue keyed by the English text, chosen per request."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from forum.web.auth import is_https
from forum.web.locales.fr import FR
from forum.web.locales.fr_console import FR_CONSOLE
from forum.web.locales.fr_errors import FR_ERRORS
from forum.web.locales.fr_floor import FR_FLOOR
from forum.web.locales.fr_mail import FR_MAIL
from forum.web.locales.fr_offline import FR_OFFLINE
from forum.web.locales.fr_triage import FR_TRIAGE

LANGUAGES = ("en", "fr")
COOKIE = "forum_lang"
# One catalogue per area of the site, so that each can grow on its own; merged once here.
CATALOGUES: dict[str, dict[str, str]] = {
    "en": {}, "fr": {**FR, **FR_CONSOLE, **FR_ERRORS, **FR_FLOOR, **FR_MAIL, **FR_OFFLINE, **FR_TRIAGE}}


def choose(request: Request) -> str:
    """`?lang=` first, then the remembered choice, then the browser's Accept-Language, then English."""
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    kept = request.cookies.get(COOKIE, "")
    if kept in LANGUAGES:
        return kept
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def remember(request: Request, response: Response, lang: str) -> None:
    if request.query_params.get("lang") in LANGUAGES and request.cookies.get(COOKIE) != lang:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", secure=is_https(request))


def translator(lang: str) -> Callable[[str], str]:
    catalogue = CATALOGUES.get(lang, {})

    def translate(text: str) -> str:
        return catalogue.get(text, text)

    return translate


def context(request: Request) -> dict[str, object]:
    """A Jinja2Templates context processor: `lang` and `_` on every page (error pages included) when wired."""
    lang = choose(request)
    return {"lang": lang, "_": translator(lang)}
