"""Organizer page fixtures: the tiny event with an organizer, a second event, and signed-in clients."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.domain import Attendee, Event
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.store.sessions import SessionStore
from forum.web import create_app
from forum.web.auth import SESSION_COOKIE
from tests.factories import tiny_instance

SECRET = "test-secret"


def with_organizer(event: str, organizer: str) -> object:
    inst = tiny_instance(event)
    return replace(inst, event=Event(event, f"{event} forum"),
                   attendees=(*inst.attendees, Attendee(organizer, "Olga Organizer", "Forum", "organizer")))


@pytest.fixture
def events(store: EventStore) -> EventStore:
    store.import_instance(with_organizer("tiny", "o1"))  # type: ignore[arg-type]
    store.import_instance(with_organizer("other", "o2"))  # type: ignore[arg-type]
    return store


@pytest.fixture
def web(redis_url: str, events: EventStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as client:
        yield client


def sign_in(client: TestClient, store: EventStore, event: str, attendee: str) -> str:
    """Sign `client` in; returns the session's CSRF token."""
    cookie = create_session(store.client, event, attendee)
    client.cookies.set(SESSION_COOKIE, cookie)
    record = SessionStore(store.client).get(cookie)
    assert record is not None
    return record.csrf


@pytest.fixture
def organizer(web: TestClient, events: EventStore) -> tuple[TestClient, str]:
    return web, sign_in(web, events, "tiny", "o1")
