"""What every attendee page shares: who is asking, their CSRF-checked forms, rendering, safe redirects."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from forum.services.attendees.reasons import Standing
from forum.services.attendees.requests import RequestView
from forum.web import i18n, render
from forum.web.auth import Viewer, require_viewer
from forum.web.forms import ATTENDEE, read_form
from forum.web.views.request_words import RequestLine, request_line

DONE = render.DONE_CODES  # the notes attendee/layout.html knows how to say


async def viewer(request: Request) -> Viewer:
    return await require_viewer(request, request.path_params["event"])


async def posted(request: Request) -> tuple[Viewer, FormData]:
    """The signed-in attendee, then their form (read within the attendee limits, CSRF checked)."""
    who = await viewer(request)
    return who, await read_form(request, ATTENDEE)


def back_to(request: Request, form: FormData, default: str, done: str = "") -> Response:
    """Redirect after a POST to a page of this event only (never to another site). The change is made by now,
    so a `back` that is not one of our pages, or is sent twice, leads to `default` instead of an error page
    (which would say "refused" about a change that was made)."""
    event = request.path_params["event"]
    sent = form.getlist("back")
    target = sent[0].strip() if len(sent) == 1 and isinstance(sent[0], str) else ""
    path = render.event_path(event, target) or f"/e/{event}/{default}"
    if done in DONE:
        path = f"{path}?done={done}"
    return render.see_other(path)


def page(request: Request, who: Viewer, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """An attendee page in the viewer's language."""
    return render.page(request, template, context, status, viewer=who)


def request_lines(request: Request, who: Viewer, standings: dict[str, Standing],
                  sent: list[RequestView]) -> dict[str, RequestLine]:
    """Each sent request's state, the reason it was left out and what would help, in the viewer's language."""
    _ = i18n.translator(i18n.choose(request))
    return {r.wish.id: request_line(standings[r.wish.id], r.target, who.attendee, who.event, _)
            for r in sent if r.wish.id in standings}
