"""A full store (maxmemory reached, noeviction) refuses writes: the app answers 503 with a sentence, no 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from starlette.testclient import TestClient

from forum.config import Settings
from forum.domain import Wish
from forum.launcher.valkey import EmbeddedValkey
from forum.store import EventStore, connect
from forum.web import create_app
from forum.web.auth import SESSION_COOKIE
from tests.web.attendee.market import EVENT, load, session


@pytest.fixture
def small_valkey(tmp_path: Path) -> Iterator[EmbeddedValkey]:
    server = EmbeddedValkey(tmp_path, maxmemory="2mb").start()  # a server of our own: the shared one stays roomy
    yield server
    server.stop()


def _fill(client: redis.Redis) -> None:
    """Write ballast until the server refuses, then lower the ceiling under what is used: every write from
    here on fails as out-of-memory, whatever the server frees meanwhile (client buffers come and go)."""
    for i in range(100):
        try:
            client.set(f"ballast:{i}", "x" * 65536)
        except redis.exceptions.OutOfMemoryError:
            client.config_set("maxmemory", "1mb")
            return
    raise AssertionError("the server never refused a write; is maxmemory set?")


def test_write_to_a_full_store_is_a_503_with_a_sentence(small_valkey: EmbeddedValkey) -> None:
    store = EventStore(connect(small_valkey.url))
    load(store)
    cookie, csrf = session(store, "p1")
    with TestClient(create_app(Settings(redis_url=small_valkey.url, secret_key="test-secret"))) as client:
        client.cookies.set(SESSION_COOKIE, cookie)
        _fill(store.client)
        response = client.post("/e/lille/requests", data={"csrf": csrf, "target": "b1", "importance": "must"},
                               follow_redirects=False)
        api = client.post("/api/events/lille/runs", json={}, headers={"x-csrf-token": csrf})
    assert response.status_code == 503, response.text
    assert "The schedule store is full, so nothing can be saved right now" in response.text
    assert api.status_code in (403, 503) and "Traceback" not in api.text  # p1 is no organizer; never a 500
    assert store.entities(EVENT, Wish).ids() == ["w-other"]
