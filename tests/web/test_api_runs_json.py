"""The runs JSON API: organizer-only, CSRF-checked changes, start/list/detail/cancel/publish answers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.domain import Attendee
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.store.sessions import SessionStore
from forum.web import create_app
from forum.web.auth import SESSION_COOKIE
from tests.factories import tiny_instance

RUNS = "/api/events/tiny/runs"


@pytest.fixture
def client(redis_url: str, store: EventStore) -> Iterator[TestClient]:
    inst = tiny_instance()
    store.import_instance(replace(inst, attendees=(*inst.attendees, Attendee("o1", "Olga", role="organizer"))))
    with TestClient(create_app(Settings(redis_url=redis_url, queue_name="forum-api-test"))) as test_client:
        yield test_client


def sign_in(client: TestClient, store: EventStore, who: str) -> dict[str, str]:
    """Sets the session cookie; returns the CSRF header for changes."""
    token = create_session(store.client, "tiny", who)
    client.cookies.set(SESSION_COOKIE, token)
    session = SessionStore(store.client).get(token)
    assert session is not None
    return {"X-CSRF-Token": session.csrf}


def test_api_runs_start_list_detail_and_cancel(client: TestClient, store: EventStore) -> None:
    csrf = sign_in(client, store, "o1")
    started = client.post(RUNS, json={"time_limit": 5, "weights": {"gaps": 4}}, headers=csrf)
    assert started.status_code == 202
    run = started.json()["run"]
    assert (run["status"], run["time_limit"], run["weights"]) == ("queued", 5, {"gaps": 4})
    listing = client.get(RUNS).json()
    assert listing["active"] == run["id"] and [r["id"] for r in listing["runs"]] == [run["id"]]
    assert client.get(f"{RUNS}/{run['id']}").json()["run"]["progress"] == []
    assert client.post(RUNS, json={"time_limit": 5}, headers=csrf).status_code == 409
    cancelled = client.post(f"{RUNS}/{run['id']}/cancel", headers=csrf)
    assert cancelled.json()["run"]["status"] == "cancelled" and client.get(RUNS).json()["active"] is None


def test_api_runs_change_without_csrf_refused(client: TestClient, store: EventStore) -> None:
    sign_in(client, store, "o1")
    assert client.post(RUNS, json={"time_limit": 5}).status_code == 403


def test_api_runs_refused_to_attendee(client: TestClient, store: EventStore) -> None:
    csrf = sign_in(client, store, "a1")
    assert client.get(RUNS).status_code == 403
    assert client.post(RUNS, json={"time_limit": 5}, headers=csrf).status_code == 403


def test_api_runs_bad_params_and_unknown_run(client: TestClient, store: EventStore) -> None:
    csrf = sign_in(client, store, "o1")
    bad = client.post(RUNS, json={"time_limit": 0}, headers=csrf)
    assert bad.status_code == 400 and "time_limit" in bad.json()["error"]
    assert client.post(RUNS, content=b"[1]", headers=csrf).status_code == 400
    assert client.get(f"{RUNS}/run-404").status_code == 404


def test_api_runs_publish_of_queued_run_conflicts(client: TestClient, store: EventStore) -> None:
    csrf = sign_in(client, store, "o1")
    run = client.post(RUNS, json={"time_limit": 5}, headers=csrf).json()["run"]
    assert client.post(f"{RUNS}/{run['id']}/publish", headers=csrf).status_code == 409
