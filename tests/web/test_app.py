"""The app factory: health check, event list, and errors that are pages, not tracebacks."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.errors import Unavailable
from forum.launcher.valkey import EmbeddedValkey
from forum.store import EventStore
from forum.web import create_app
from tests.factories import tiny_instance
from tests.live import start_worker


@pytest.fixture
def client(redis_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(redis_url=redis_url))) as test_client:
        yield test_client


def test_healthz_answers_ok_with_redis_and_a_worker(client: TestClient, redis_url: str, tmp_path: Path) -> None:
    worker = start_worker(redis_url, tmp_path)
    try:
        deadline = time.monotonic() + 30
        while (response := client.get("/healthz")).status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        worker.stop()
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "redis": "ok"}


def test_event_list_shows_imported_event(client: TestClient, store: EventStore) -> None:
    store.import_instance(tiny_instance())
    response = client.get("/")
    assert response.status_code == 200
    assert "Tiny Forum" in response.text and "3 attendees" in response.text


def test_event_list_empty_store_explains_how_to_load(client: TestClient) -> None:
    assert "forum demo" in client.get("/").text


def test_unknown_page_is_a_404_page(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Not found" in response.text


def test_unknown_api_path_answers_json(client: TestClient) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404 and "error" in response.json()


def test_create_app_without_redis_url_refused() -> None:
    with pytest.raises(Unavailable):
        create_app(Settings(redis_url=None))


def test_healthz_reports_503_when_redis_is_gone(tmp_path: Path) -> None:
    server = EmbeddedValkey(tmp_path).start()
    with TestClient(create_app(Settings(redis_url=server.url))) as test_client:
        assert test_client.get("/healthz").json()["redis"] == "ok"
        server.stop()
        response = test_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_healthz_store_error_details_go_to_the_log_only(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    server = EmbeddedValkey(tmp_path).start()
    with TestClient(create_app(Settings(redis_url=server.url))) as test_client:
        server.stop()
        with caplog.at_level(logging.WARNING, logger="forum.web"):
            response = test_client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "unavailable", "redis": "store unavailable"}
    assert str(server.port) not in response.text and "127.0.0.1" not in response.text
    assert f"127.0.0.1:{server.port}" in caplog.text  # the address and the error are for the operator
