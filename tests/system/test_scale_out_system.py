"""Two uvicorn web processes and two `forum worker`s on one Valkey, driven the way organizers and phones do."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
import redis
from websockets.sync.client import ClientConnection, connect

from forum.domain import Attendee, Instance, RunStatus
from forum.launcher.valkey import EmbeddedValkey
from forum.services.setup.demo import series_mania
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.store import connect as store_connect
from forum.store.flags import Flags
from forum.store.schedule import ScheduleStore
from forum.store.sessions import SessionStore
from forum.web.auth import SESSION_COOKIE
from tests.factories import tiny_instance
from tests.live import WebProcess, WorkerProcess, start_web, start_worker

CANCEL_BOUND = 2.0  # the acceptance bound
SLACK = 1.0  # two busy cores running two solvers, two web processes and the test itself


@dataclass
class Cluster:
    store: EventStore
    webs: list[WebProcess]
    workers: list[WorkerProcess]


@pytest.fixture(scope="module")
def cluster(valkey_server: EmbeddedValkey, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    redis.Redis.from_url(valkey_server.url).flushall()
    logs = Path(tmp_path_factory.mktemp("cluster"))
    webs = [start_web(valkey_server.url, logs) for _ in range(2)]
    workers = [start_worker(valkey_server.url, logs, f"worker{i}") for i in range(2)]
    yield Cluster(EventStore(store_connect(valkey_server.url)), webs, workers)
    for process in [*workers, *webs]:
        process.stop()


def load(cluster: Cluster, event: str, big: bool = False) -> None:
    """A tiny event whose w1 has no meeting yet (so a publish adds it), or a 1,501-person one for long runs."""
    base: Instance = series_mania(1.0, 2000) if big else tiny_instance()
    if not big:
        base = replace(base, previous=base.fixed)
    people = (*base.attendees, Attendee("o1", "Olga Organizer", role="organizer"))
    cluster.store.import_instance(replace(base, event=replace(base.event, id=event), attendees=people))


class Organizer:
    def __init__(self, cluster: Cluster, event: str) -> None:
        self.event, self.store = event, cluster.store
        self.cookie = create_session(cluster.store.client, event, "o1")
        session = SessionStore(cluster.store.client).get(self.cookie)
        assert session is not None
        self.headers = {"X-CSRF-Token": session.csrf, "Cookie": f"{SESSION_COOKIE}={self.cookie}"}

    def call(self, web: WebProcess, method: str, path: str, body: Any = None) -> Any:
        url = f"{web.url}/api/events/{self.event}/runs{path}"
        response = httpx.request(method, url, json=body, headers=self.headers, timeout=30)
        assert response.status_code < 300, response.text
        return response.json()

    def wait_status(self, web: WebProcess, run: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.call(web, "GET", f"/{run}")["run"]
            if found["status"] not in ("queued", "running"):
                return dict(found)
            time.sleep(0.2)
        raise AssertionError(f"run {run} did not end within {timeout}s")


def socket(cluster: Cluster, web: WebProcess, event: str, who: str, query: str = "") -> ClientConnection:
    cookie = create_session(cluster.store.client, event, who)
    return connect(web.url.replace("http://", "ws://") + f"/ws/{event}{query}", compression=None,
                   additional_headers={"Origin": web.url, "Cookie": f"{SESSION_COOKIE}={cookie}"})


def until(ws: ClientConnection, kind: str, timeout: float = 60) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Frames up to and including the first of type `kind`."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        seen.append(frame)
        if frame["type"] == kind:
            return frame, seen
    raise AssertionError(f"no {kind} within {timeout}s; saw {[f['type'] for f in seen]}")


def test_run_started_on_web1_reaches_sockets_on_web2(cluster: Cluster) -> None:
    load(cluster, "sys-push")
    web1, web2 = cluster.webs
    organizer = Organizer(cluster, "sys-push")
    with socket(cluster, web2, "sys-push", "o1", "?view=organizer") as console, \
            socket(cluster, web2, "sys-push", "a2") as phone:
        until(console, "hello")
        until(phone, "hello")
        run = organizer.call(web1, "POST", "", {"time_limit": 2})["run"]["id"]
        finished, seen = until(console, "run.finished")
        assert finished["run"]["id"] == run and {"run.running", "run.progress"} <= {f["type"] for f in seen}
        organizer.call(web1, "POST", f"/{run}/publish")
        changed, _ = until(phone, "schedule.changed", timeout=10)
    assert {"wish": "w1", "change": "added"}.items() <= changed["changes"][0].items()


def test_socket_disconnected_during_publish_gets_missed_events_on_reconnect(cluster: Cluster) -> None:
    load(cluster, "sys-replay")
    web1, web2 = cluster.webs
    organizer = Organizer(cluster, "sys-replay")
    run = organizer.call(web1, "POST", "", {"time_limit": 1.5})["run"]["id"]
    assert organizer.wait_status(web1, run)["status"] == "finished"
    with socket(cluster, web2, "sys-replay", "a2") as phone:
        last = until(phone, "hello")[0]["id"]
    organizer.call(web1, "POST", f"/{run}/publish")  # the phone is offline meanwhile
    with socket(cluster, web2, "sys-replay", "a2", f"?last={last}") as phone:
        changed, _ = until(phone, "schedule.changed", timeout=10)
        hello, _ = until(phone, "hello", timeout=10)
    assert changed["changes"][0]["wish"] == "w1" and hello["replayed"] == 1


def test_cancel_stops_long_run_within_bound_and_keeps_best_schedule(cluster: Cluster) -> None:
    load(cluster, "sys-cancel", big=True)
    web1, web2 = cluster.webs
    organizer = Organizer(cluster, "sys-cancel")
    with socket(cluster, web2, "sys-cancel", "o1", "?view=organizer") as console:
        until(console, "hello")
        run = organizer.call(web1, "POST", "", {"time_limit": 120})["run"]["id"]
        until(console, "run.running")
        while until(console, "run.progress")[0]["met"] == 0:  # cancel once a schedule exists
            pass
        asked = time.monotonic()
        organizer.call(web2, "POST", f"/{run}/cancel")
        cancelled, _ = until(console, "run.cancelled", timeout=30)
        took = time.monotonic() - asked
    print(f"cancel took {took:.2f}s")
    assert took < CANCEL_BOUND + SLACK
    assert cancelled["run"]["figures"]["met"] > 0  # the best schedule so far is the draft
    assert ScheduleStore(cluster.store.client).draft("sys-cancel", run) is not None


def test_worker_killed_during_run_marks_it_failed_and_keeps_published(cluster: Cluster) -> None:
    load(cluster, "sys-kill", big=True)
    web1, _ = cluster.webs
    organizer = Organizer(cluster, "sys-kill")
    first = organizer.call(web1, "POST", "", {"time_limit": 3})["run"]["id"]
    assert organizer.wait_status(web1, first)["status"] == "finished"
    organizer.call(web1, "POST", f"/{first}/publish")
    schedules = ScheduleStore(cluster.store.client)
    before, version = sorted(map(repr, schedules.meetings("sys-kill"))), schedules.version("sys-kill")
    run = organizer.call(web1, "POST", "", {"time_limit": 120})["run"]["id"]
    deadline = time.monotonic() + 30
    while (beat := Flags(cluster.store.client).heartbeat("sys-kill", run)) is None:
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.1)
    horse = psutil.Process(beat["pid"])
    for process in (horse.parent(), horse):  # the worker and the work horse running the job, like kill -9
        if process is not None:
            process.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    failed = organizer.wait_status(web1, run, timeout=40)
    print(f"run marked failed {time.monotonic() - killed:.1f}s after kill -9")
    assert failed["status"] == RunStatus.FAILED.value and "worker stopped responding" in failed["reason"]
    assert sorted(map(repr, schedules.meetings("sys-kill"))) == before and schedules.version("sys-kill") == version
