"""The one form reader of both halves: bodies read up to a byte limit, CSRF checked, fields read with limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Message

from forum.domain.json_text import load_json
from forum.errors import InvalidInput, TooLarge
from forum.web.auth import check_csrf

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one kind of form may hold; `too_large` is the sentence a 413 answers with."""

    body: int  # bytes actually received, whatever Content-Length claims
    fields: int
    files: int
    chars: int  # characters of any one text field; handlers ask for tighter limits per field
    too_large: str


# An attendee's form is a few hundred bytes: megabytes are refused long before they are read.
ATTENDEE = Limits(64 * 1024, 50, 0, 2000, "This form is far too large.")
SIGNIN = Limits(16 * 1024, 10, 0, 2000, "This form is far too large.")
# The Series-Mania-size instance JSON is about 3 MB.
ORGANIZER = Limits(8 * MB, 60, 2, 20_000, "This upload is too large: at most 8 MB.")
JSON_BODY = Limits(64 * 1024, 0, 0, 0, "This request body is too large: at most 64 KB.")


async def read_body(request: Request, limits: Limits) -> bytes:
    """The body, read chunk by chunk and refused as soon as it passes `limits.body` (chunked bodies too)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.body:
        raise TooLarge(limits.too_large)  # an honest client is answered before it sends anything
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limits.body:
            raise TooLarge(limits.too_large)
        chunks.append(chunk)
    return b"".join(chunks)


def _replay(body: bytes) -> Any:
    """An ASGI receive that hands the already-read body to Starlette's form parser."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def read_form(request: Request, limits: Limits, anonymous: bool = False) -> FormData:
    """The posted form after the CSRF check (`anonymous`: the sign-in forms' token, see check_csrf); malformed
    or oversized forms are refused with a reason."""
    body = await read_body(request, limits)
    try:
        form = await Request(request.scope, _replay(body)).form(
            max_files=limits.files, max_fields=limits.fields, max_part_size=limits.body)
    except HTTPException as exc:  # python-multipart's refusal: too many fields or files, a broken body
        raise InvalidInput(f"This form could not be read: {exc.detail}") from None
    await check_csrf(request, form, anonymous)
    for _, value in form.multi_items():
        if isinstance(value, str) and len(value) > limits.chars:
            raise InvalidInput("One of the fields is far too long.")
        if not isinstance(value, str) and not limits.files:
            raise InvalidInput("Files cannot be sent here.")
    return form


async def read_json(request: Request) -> dict[str, Any]:
    """A JSON object body (empty means {}), nesting limited; CSRF is the caller's check (X-CSRF-Token header)."""
    raw = await read_body(request, JSON_BODY)
    if not raw.strip():
        return {}
    found = load_json(raw, "the body", JSON_BODY.body)
    if not isinstance(found, dict):
        raise InvalidInput("the body must be a JSON object")
    return found


def field(form: FormData, name: str, limit: int | None = None) -> str:
    """A single-valued text field, trimmed; sent twice is a malformed form, not a choice."""
    if len(form.getlist(name)) > 1:
        raise InvalidInput(f"The field {name!r} was sent more than once.")
    value = form.get(name)
    text = value.strip() if isinstance(value, str) else ""
    if limit is not None and len(text) > limit:
        raise InvalidInput(f"{name.replace('_', ' ')} is too long: at most {limit} characters")
    return text


def texts(form: FormData, name: str) -> tuple[str, ...]:
    """Every text value of a repeated field (checkboxes, multiple selects)."""
    return tuple(v for v in form.getlist(name) if isinstance(v, str))


async def upload_json(form: FormData, name: str, limits: Limits = ORGANIZER) -> Any:
    """The uploaded file parsed as JSON, its size and nesting limited; a clear refusal otherwise."""
    return load_json(await upload(form, name, limits), "the file", limits.body)


async def upload(form: FormData, name: str, limits: Limits = ORGANIZER) -> str:
    """The uploaded file's text (UTF-8), or a clear refusal."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        raise InvalidInput("choose a file to upload")
    data = await value.read(limits.body + 1)
    if len(data) > limits.body:
        raise TooLarge(limits.too_large)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the file must be UTF-8 text") from None
