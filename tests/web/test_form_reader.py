"""The one form reader: size limits on the bytes actually read (chunked or lying bodies too), 413 with a sentence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.requests import Request
from starlette.testclient import TestClient
from starlette.types import Message

from forum.config import Settings
from forum.domain import Wish
from forum.errors import TooLarge
from forum.store import EventStore
from forum.web import create_app
from forum.web.forms import ATTENDEE, read_body
from tests.web.organizer.conftest import SECRET, sign_in, with_organizer


def _request(chunks: list[bytes], content_length: str | None) -> tuple[Request, list[int]]:
    """A request whose body arrives in `chunks`; the list counts the chunks the app asked for."""
    asked = [0]

    async def receive() -> Message:
        asked[0] += 1
        body = chunks[asked[0] - 1] if asked[0] <= len(chunks) else b""
        return {"type": "http.request", "body": body, "more_body": asked[0] < len(chunks)}

    headers = [(b"content-length", content_length.encode())] if content_length else []
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers}, receive), asked


async def test_read_body_lying_content_length_stops_at_the_limit() -> None:
    chunks = [b"x" * 16 * 1024] * 100  # 1.6 MB behind a claim of 10 bytes
    request, asked = _request(chunks, "10")
    with pytest.raises(TooLarge, match="far too large"):
        await read_body(request, ATTENDEE)
    assert asked[0] == ATTENDEE.body // (16 * 1024) + 1  # read up to the limit, not the rest


async def test_read_body_chunked_without_length_stops_at_the_limit() -> None:
    request, asked = _request([b"y" * 1000] * 1000, None)
    with pytest.raises(TooLarge):
        await read_body(request, ATTENDEE)
    assert asked[0] < 100


async def test_read_body_declared_too_large_refused_before_reading() -> None:
    request, asked = _request([b"z"], str(ATTENDEE.body + 1))
    with pytest.raises(TooLarge):
        await read_body(request, ATTENDEE)
    assert asked[0] == 0


async def test_read_body_within_limit_is_whole() -> None:
    request, _ = _request([b"a=1", b"&b=2"], None)
    assert await read_body(request, ATTENDEE) == b"a=1&b=2"


@pytest.fixture
def web(redis_url: str, store: EventStore) -> Iterator[tuple[TestClient, EventStore]]:
    store.import_instance(with_organizer("tiny", "o1"))  # type: ignore[arg-type]
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as client:
        yield client, store


def _chunked(size: int, prefix: bytes = b"") -> Iterator[bytes]:
    """A body sent without Content-Length (Transfer-Encoding: chunked)."""
    yield prefix
    for _ in range(size // 65536):
        yield b"x" * 65536


@pytest.mark.parametrize(("who", "path", "size", "message"), [
    ("a1", "/e/tiny/requests", 200_000, "This form is far too large."),
    ("o1", "/e/tiny/organizer/setup/tables", 9 * 1024 * 1024, "This upload is too large: at most 8 MB."),
    (None, "/signin", 100_000, "This form is far too large."),
])
def test_chunked_form_over_limit_answers_413(web: tuple[TestClient, EventStore], who: str | None, path: str,
                                             size: int, message: str) -> None:
    client, store = web
    csrf = sign_in(client, store, "tiny", who) if who else ""
    response = client.post(path, content=_chunked(size, b"csrf=" + csrf.encode() + b"&message="),
                           headers={"content-type": "application/x-www-form-urlencoded"}, follow_redirects=False)
    assert response.status_code == 413 and message in response.text
    assert store.entities("tiny", Wish).count() == 2


def test_api_json_body_over_limit_answers_413_json(web: tuple[TestClient, EventStore]) -> None:
    client, store = web
    csrf = sign_in(client, store, "tiny", "o1")
    response = client.post("/api/events/tiny/runs", content=_chunked(200_000, b'{"weights": "'),
                           headers={"x-csrf-token": csrf, "content-type": "application/json"})
    assert response.status_code == 413 and "too large" in response.json()["error"]


def test_malformed_multipart_is_a_400_not_a_500(web: tuple[TestClient, EventStore]) -> None:
    client, store = web
    csrf = sign_in(client, store, "tiny", "a1")
    response = client.post("/e/tiny/requests", content=b"--nope\r\ngarbage", headers={
        "content-type": "multipart/form-data; boundary=nope", "x-csrf-token": csrf}, follow_redirects=False)
    assert response.status_code == 400
