"""`/metrics`: refused to anyone but organizers and the token's bearer; every family present; counts that move."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from forum.config import Settings
from forum.store import EventStore
from forum.web import create_app
from forum.web.auth import ANON_CSRF_COOKIE
from tests.web.organizer.conftest import SECRET, sign_in, with_organizer

TOKEN = "metrics-token-for-tests"
FAMILIES = {
    "forum_http_request_duration_seconds": "histogram", "forum_signin_failures": "counter",
    "forum_websockets_connected": "gauge", "forum_push_lag_seconds": "histogram", "forum_queue_depth": "gauge",
    "forum_workers_alive": "gauge", "forum_runs": "gauge", "forum_run_duration_seconds": "histogram",
}


@pytest.fixture
def web(redis_url: str, store: EventStore) -> Iterator[TestClient]:
    store.import_instance(with_organizer("tiny", "o1"))  # type: ignore[arg-type]
    settings = Settings(redis_url=redis_url, secret_key=SECRET, metrics_token=TOKEN)
    with TestClient(create_app(settings)) as client:
        yield client


def scrape(client: TestClient, **headers: str) -> dict[str, float]:
    """Every sample as `name{label="value",...}` -> value."""
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}"] = sample.value
    return samples


def bearer() -> dict[str, str]:
    return {"authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("headers", [{}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN}])
def test_metrics_refused_without_the_token(web: TestClient, headers: dict[str, str]) -> None:
    response = web.get("/metrics", headers=headers)
    assert response.status_code == 401 and "forum_" not in response.text
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_metrics_refused_to_a_signed_in_attendee(web: TestClient, store: EventStore) -> None:
    sign_in(web, store, "tiny", "a1")
    assert web.get("/metrics").status_code == 401


def test_metrics_served_to_the_token_with_every_family(web: TestClient) -> None:
    response = web.get("/metrics", headers=bearer())
    assert response.status_code == 200
    found = {f.name: f.type for f in text_string_to_metric_families(response.text)}
    assert FAMILIES.items() <= found.items()


def test_metrics_served_to_an_organizer_and_latency_counted_by_route(web: TestClient, store: EventStore) -> None:
    sign_in(web, store, "tiny", "o1")
    key = 'forum_http_request_duration_seconds_count{method="GET",route="/e/{event}/organizer/runs",status="2xx"}'
    before = scrape(web).get(key, 0.0)
    assert web.get("/e/tiny/organizer/runs").status_code == 200
    after = scrape(web)
    assert after[key] == before + 1
    assert not any("/e/tiny/" in name for name in after)  # labelled by pattern, never by raw path


def test_metrics_count_a_refused_signin(web: TestClient) -> None:
    key = "forum_signin_failures_total{}"
    before = scrape(web, **bearer())[key]
    assert web.get("/signin").status_code == 200
    refused = web.post("/signin", data={"csrf": web.cookies[ANON_CSRF_COOKIE], "event": "tiny", "code": "WRONGCODE"},
                       follow_redirects=False)
    assert refused.status_code >= 400
    assert scrape(web, **bearer())[key] == before + 1


def test_metrics_count_a_queued_run_from_the_store(web: TestClient, store: EventStore) -> None:
    csrf = sign_in(web, store, "tiny", "o1")
    before = scrape(web)
    started = web.post("/api/events/tiny/runs", json={"time_limit": 5}, headers={"X-CSRF-Token": csrf})
    assert started.status_code == 202  # no worker runs in this test: the run waits in the queue
    after = scrape(web)
    assert after['forum_runs{status="queued"}'] == before['forum_runs{status="queued"}'] + 1
    assert after["forum_queue_depth{}"] == before["forum_queue_depth{}"] + 1
    assert after["forum_workers_alive{}"] == 0
