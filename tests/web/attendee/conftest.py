"""Fixtures for attendee pages: the small market loaded and an app client that can sign in as anyone."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.store import EventStore
from forum.web import create_app
from forum.web.auth import SESSION_COOKIE
from tests.web.attendee.market import load, session


class Visitor:
    """A test client signed in as one attendee, with that session's CSRF token at hand."""

    def __init__(self, client: TestClient, store: EventStore) -> None:
        self.client, self.store, self.csrf = client, store, ""

    def sign_in(self, attendee: str) -> Visitor:
        cookie, self.csrf = session(self.store, attendee)
        self.client.cookies.set(SESSION_COOKIE, cookie)
        return self

    def post(self, path: str, data: dict[str, object] | None = None, csrf: bool = True) -> httpx.Response:
        body = {**({"csrf": self.csrf} if csrf else {}), **(data or {})}
        return self.client.post(path, data=body, follow_redirects=False)  # type: ignore[arg-type]


@pytest.fixture
def visitor(redis_url: str, store: EventStore) -> Iterator[Visitor]:
    load(store)
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key="test-secret"))) as client:
        yield Visitor(client, store)
