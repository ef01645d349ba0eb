"""The one way pages are rendered for both halves: language, the viewer and their CSRF token, the `done` note."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from forum.web import i18n
from forum.web.auth import Viewer


def page(request: Request, template: str, context: dict[str, Any], status: int = 200,
         viewer: Viewer | None = None, translated: bool = True) -> Response:
    """Render `template`; attendee and sign-in pages are translated (a `?lang=` choice is remembered in a cookie),
    the organizer console is English only."""
    lang = i18n.choose(request) if translated else "en"
    other = "en" if lang == "fr" else "fr"
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("lang", "done")]
    event = viewer.event if viewer else str(request.path_params.get("event", ""))
    full = {
        "viewer": viewer, "csrf": viewer.csrf if viewer else "", "event_id": event, "base": f"/e/{event}/organizer",
        "lang": lang, "_": i18n.translator(lang), "done": request.query_params.get("done", "")[:300],
        "path": request.url.path, "other_lang": other, "other_lang_url": "?" + urlencode([*kept, ("lang", other)]),
        **context,
    }
    response = request.app.state.templates.TemplateResponse(request, template, full, status_code=status)
    if translated:
        i18n.remember(request, response, lang)
    return response  # type: ignore[no-any-return]


def event_path(event: str, target: str) -> str | None:
    """`target` when it is a path of this event's pages (query and fragment dropped), else None: a redirect
    built from user input must never lead to another site or event."""
    ok = target.startswith(f"/e/{event}/") and "//" not in target and "\\" not in target and len(target) < 300
    return target.split("#")[0].split("?")[0] if ok else None


def see_other(path: str) -> Response:
    """The redirect after a successful POST (303: the browser follows it with a GET)."""
    return RedirectResponse(path, status_code=303)
