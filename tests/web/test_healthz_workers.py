"""/healthz and the console's runs page know whether a worker is alive, from real `forum worker` heartbeats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.store import EventStore
from forum.web import create_app
from tests.live import start_worker
from tests.waiting import wait_for
from tests.web.organizer.conftest import SECRET, sign_in, with_organizer

BANNER = 'id="no-worker"'


@pytest.fixture
def web(redis_url: str, store: EventStore) -> Iterator[TestClient]:
    store.import_instance(with_organizer("tiny", "o1"))  # type: ignore[arg-type]
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as client:
        yield client



def test_healthz_503_when_no_worker_is_running(web: TestClient) -> None:
    response = web.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "redis": "ok", "workers": "no worker is running"}


def test_healthz_ok_while_a_worker_beats_and_503_once_it_stops(web: TestClient, redis_url: str,
                                                               tmp_path: Path) -> None:
    worker = start_worker(redis_url, tmp_path)
    try:
        wait_for(lambda: web.get("/healthz").status_code == 200)
    finally:
        worker.stop()
    # A worker stopping cleanly leaves the list at once, not after its heartbeat's TTL.
    assert web.get("/healthz").json()["workers"] == "no worker is running"


def test_runs_page_says_no_worker_while_a_run_waits_without_one(web: TestClient, store: EventStore) -> None:
    csrf = sign_in(web, store, "tiny", "o1")
    assert BANNER not in web.get("/e/tiny/organizer/runs").text  # nothing waits: nothing to say
    assert web.post("/api/events/tiny/runs", json={"time_limit": 2}, headers={"X-CSRF-Token": csrf}).status_code == 202
    page = web.get("/e/tiny/organizer/runs").text
    assert BANNER in page and "no worker is running" in page


def test_runs_page_banner_gone_once_a_worker_takes_the_run(web: TestClient, store: EventStore, redis_url: str,
                                                           tmp_path: Path) -> None:
    csrf = sign_in(web, store, "tiny", "o1")
    run = web.post("/api/events/tiny/runs", json={"time_limit": 1}, headers={"X-CSRF-Token": csrf}).json()["run"]
    assert BANNER in web.get("/e/tiny/organizer/runs").text
    worker = start_worker(redis_url, tmp_path)
    try:
        wait_for(lambda: web.get(f"/api/events/tiny/runs/{run['id']}").json()["run"]["status"] == "finished", 60)
    finally:
        worker.stop()
    assert BANNER not in web.get("/e/tiny/organizer/runs").text
