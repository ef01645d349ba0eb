"""What every attendee page shares: who is asking, their CSRF-checked forms, rendering, safe redirects."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from forum.web import render
from forum.web.auth import Viewer, require_viewer
from forum.web.forms import ATTENDEE, field, read_form

DONE = {"sent", "withdrawn", "accepted", "declined"}  # the notes attendee/layout.html knows how to say


async def viewer(request: Request) -> Viewer:
    return await require_viewer(request, request.path_params["event"])


async def posted(request: Request) -> tuple[Viewer, FormData]:
    """The signed-in attendee, then their form (read within the attendee limits, CSRF checked)."""
    who = await viewer(request)
    return who, await read_form(request, ATTENDEE)


def back_to(request: Request, form: FormData, default: str, done: str = "") -> Response:
    """Redirect after a POST to a page of this event only (never to another site)."""
    event = request.path_params["event"]
    path = render.event_path(event, field(form, "back")) or f"/e/{event}/{default}"
    if done in DONE:
        path = f"{path}?done={done}"
    return render.see_other(path)


def page(request: Request, who: Viewer, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """An attendee page in the viewer's language."""
    return render.page(request, template, context, status, viewer=who)
