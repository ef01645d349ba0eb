"""The one way pages are rendered for both halves: language, the viewer and their CSRF token, the `done` note.

A `?done=` note is shown only when the app wrote it: an attendee page's fixed code (`sent`, `accepted`...,
which attendee/layout.html turns into a fixed sentence) or a console note signed with the app's secret for
that event (`noted`). Anything else in `?done=`, e.g. a forged link saying "your session expired, sign in at
evil.example", is not shown.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from itsdangerous import BadSignature, TimestampSigner
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from forum.web import i18n
from forum.web.auth import Viewer
from forum.web.calls import settings_of

DONE_CODES = frozenset({"sent", "withdrawn", "accepted", "declined", "reopened"})  # attendee/layout.html says these
NOTE_MAX_AGE = 3600  # seconds a signed note is shown: the redirect is followed at once; a reload later shows none
NOTE_MAX = 2000  # a longer `done` is not ours: not even checked


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
        "lang": lang, "_": i18n.translator(lang), "done": _done_note(request, event),
        "path": request.url.path, "other_lang": other, "other_lang_url": "?" + urlencode([*kept, ("lang", other)]),
        **context,
    }
    response = request.app.state.templates.TemplateResponse(request, template, full, status_code=status)
    if translated:
        i18n.remember(request, response, lang)
    return response  # type: ignore[no-any-return]


def _signer(request: Request, event: str) -> TimestampSigner:
    # Salted with the event: a note signed for one event's console is not shown on another's.
    return TimestampSigner(settings_of(request).secret_key, salt=f"forum-done-note:{event}")


def noted(request: Request, path: str, note: str) -> str:
    """`path` with a `?done=` note the page will show: signed, so only notes the app wrote are shown."""
    event = str(request.path_params.get("event", ""))
    return f"{path}?done={quote(_signer(request, event).sign(note).decode())}"


def _done_note(request: Request, event: str) -> str:
    """The `?done=` note to show: a fixed attendee code, or a console note with a valid signature; else ""."""
    sent = request.query_params.get("done", "")
    if not sent or sent in DONE_CODES:
        return sent
    if len(sent) > NOTE_MAX:
        return ""
    try:
        return _signer(request, event).unsign(sent, max_age=NOTE_MAX_AGE).decode()
    except (BadSignature, UnicodeDecodeError):  # SignatureExpired is a BadSignature
        return ""


def event_path(event: str, target: str) -> str | None:
    """`target` when it is a path of this event's pages (query and fragment dropped), else None: a redirect
    built from user input must never lead to another site or event."""
    ok = target.startswith(f"/e/{event}/") and "//" not in target and "\\" not in target and len(target) < 300
    return target.split("#")[0].split("?")[0] if ok else None


def see_other(path: str) -> Response:
    """The redirect after a successful POST (303: the browser follows it with a GET)."""
    return RedirectResponse(path, status_code=303)
