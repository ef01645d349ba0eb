"""What every organizer page shares: the organizer check, rendering in the console, and form actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from forum.errors import Conflict, InvalidInput, NotFound
from forum.web import render as rendering
from forum.web.auth import Viewer, require_organizer
from forum.web.errors import status_of
from forum.web.forms import ORGANIZER, read_form

Page = Callable[[Request, Viewer, str, int], Awaitable[Response]]


def base(event: str) -> str:
    return f"/e/{event}/organizer"


async def organizer(request: Request) -> Viewer:
    return await require_organizer(request, request.path_params["event"])


async def posted(request: Request) -> tuple[Viewer, FormData]:
    """The organizer, then their form (read within the organizer limits, CSRF checked)."""
    viewer = await organizer(request)
    return viewer, await read_form(request, ORGANIZER)


def render(request: Request, template: str, viewer: Viewer, context: dict[str, Any], status: int = 200) -> Response:
    """A console page (English only)."""
    return rendering.page(request, template, context, status, viewer=viewer, translated=False)


async def act(request: Request, page: Page, work: Callable[[Viewer, FormData], Awaitable[str]],
              back: str) -> Response:
    """Run a form's change; on success go back with a note, on refusal show the page again with the reason."""
    viewer, form = await posted(request)
    try:
        note = await work(viewer, form)
    except (InvalidInput, Conflict, NotFound) as refused:
        return await page(request, viewer, refused.message, status_of(refused))
    return rendering.see_other(rendering.noted(request, back, note))
