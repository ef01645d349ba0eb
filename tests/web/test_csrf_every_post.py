"""Every POST of the app, pages and API alike, is refused without the session's (or sign-in form's) CSRF token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from forum.config import Settings
from forum.store import EventStore
from forum.web import create_app
from tests.web.organizer.conftest import SECRET, sign_in, with_organizer
from tests.web.test_security_headers import PARAMS

POSTS = sorted({route.path.format(**PARAMS) for route in create_app(Settings(redis_url="redis://unused")).routes
                if isinstance(route, Route) and "POST" in (route.methods or ())})


@pytest.fixture
def organizer(redis_url: str, store: EventStore) -> Iterator[tuple[TestClient, EventStore]]:
    store.import_instance(with_organizer("tiny", "o1"))  # type: ignore[arg-type]
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as client:
        sign_in(client, store, "tiny", "o1")
        yield client, store


def test_post_routes_are_enumerated() -> None:
    assert {"/signin", "/signout", "/e/tiny/requests", "/e/tiny/organizer/runs", "/api/events/tiny/runs"} <= set(POSTS)


@pytest.mark.parametrize("path", POSTS)
def test_post_with_forged_csrf_is_refused(organizer: tuple[TestClient, EventStore], path: str) -> None:
    client, store = organizer
    before = store.export_instance("tiny")
    response = client.post(path, data={"csrf": "forged"}, headers={"x-csrf-token": "forged"}, follow_redirects=False)
    assert response.status_code == 403 and "expired" in response.text
    assert store.export_instance("tiny") == before
