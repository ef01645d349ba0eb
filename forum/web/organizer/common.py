"""What every organizer page shares: the organizer check, form parsing with limits, rendering and actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from forum.errors import Conflict, InvalidInput, NotFound
from forum.web.auth import Viewer, check_csrf, require_organizer

MAX_BODY = 8 * 1024 * 1024  # the Series-Mania-size instance JSON is about 3 MB
MAX_FIELD = 20_000  # characters of one text field
Page = Callable[[Request, Viewer, str, int], Awaitable[Response]]


def base(event: str) -> str:
    return f"/e/{event}/organizer"


async def organizer(request: Request) -> Viewer:
    return await require_organizer(request, request.path_params["event"])


async def read_form(request: Request) -> FormData:
    """The posted form, after the CSRF check; bodies over MAX_BODY are refused before reading."""
    try:
        length = int(request.headers.get("content-length") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise InvalidInput(f"the upload is too large: at most {MAX_BODY // (1024 * 1024)} MB")
    form = await request.form(max_files=2, max_fields=60, max_part_size=MAX_BODY)
    await check_csrf(request, form)
    return form


def text(form: FormData, name: str, limit: int = MAX_FIELD) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    if len(value) > limit:
        raise InvalidInput(f"{name.replace('_', ' ')} is too long: at most {limit} characters")
    return value


async def upload(form: FormData, name: str) -> str:
    """The uploaded file's text (UTF-8), or a clear refusal."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        raise InvalidInput("choose a file to upload")
    data = await value.read(MAX_BODY + 1)
    if len(data) > MAX_BODY:
        raise InvalidInput(f"the file is too large: at most {MAX_BODY // (1024 * 1024)} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the file must be UTF-8 text") from None


def render(request: Request, template: str, viewer: Viewer, context: dict[str, Any], status: int = 200) -> Response:
    event = request.path_params["event"]
    full = {"viewer": viewer, "event_id": event, "base": base(event), "csrf": viewer.csrf,
            "done": request.query_params.get("done", "")[:300], **context}
    return request.app.state.templates.TemplateResponse(request, template, full, status_code=status)


async def act(request: Request, page: Page, work: Callable[[Viewer, FormData], Awaitable[str]],
              back: str) -> Response:
    """Run a form's change; on success go back with a note, on refusal show the page again with the reason."""
    viewer = await organizer(request)
    form = await read_form(request)
    try:
        note = await work(viewer, form)
    except (InvalidInput, Conflict, NotFound) as refused:
        return await page(request, viewer, refused.message, refused.status)
    return RedirectResponse(f"{back}?done={quote(note)}", status_code=303)


async def call(fn: Callable[..., Any], *args: Any) -> Any:
    return await run_in_threadpool(fn, *args)
