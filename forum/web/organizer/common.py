"""What every organizer page shares: the organizer check, rendering in the console, and form actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from forum.errors import Conflict, InvalidInput, NotFound
from forum.web import i18n
from forum.web import render as rendering
from forum.web.auth import Viewer, require_organizer
from forum.web.errors import status_of
from forum.web.forms import ORGANIZER, field, read_form

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
    """A console page, in English or French like the attendee pages (`?lang=`, then the cookie, then the
    browser's languages)."""
    return rendering.page(request, template, context, status, viewer=viewer)


def words(request: Request) -> Callable[[str], str]:
    """The translator of this request's language, for sentences built in handlers (notes, confirmations)."""
    return i18n.translator(i18n.choose(request))


@dataclass(frozen=True)
class Confirmation:
    """A change that needs a second, explicit step: what will happen, and the form that makes it."""

    title: str
    lines: Sequence[str]  # what will happen, who is told
    action: str  # where the confirmed form posts
    button: str
    back: str  # the page to go back to without changing anything
    fields: Sequence[tuple[str, str]] = ()  # the first form's fields, sent again


def confirmed(form: FormData) -> bool:
    """Whether the form carries the confirmation step's `confirm=yes` (a checkbox or the confirm page)."""
    return field(form, "confirm", 10) == "yes"


def confirm_page(request: Request, viewer: Viewer, found: Confirmation, section: str) -> Response:
    """The confirmation step: works without JavaScript, posts the same form again with confirm=yes."""
    return render(request, "organizer/confirm.html", viewer, {"c": found, "section": section})


async def act(request: Request, page: Page, work: Callable[[Viewer, FormData], Awaitable[str]],
              back: str, sent: tuple[Viewer, FormData] | None = None) -> Response:
    """Run a form's change; on success go back with a note, on refusal show the page again with the reason.
    `sent`: the organizer and form when the handler has read them already (a body is read once)."""
    viewer, form = sent or await posted(request)
    try:
        note = await work(viewer, form)
    except (InvalidInput, Conflict, NotFound) as refused:
        return await page(request, viewer, refused.message, status_of(refused))
    return rendering.see_other(rendering.noted(request, back, note))
