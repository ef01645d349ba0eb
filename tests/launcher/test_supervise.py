"""`forum serve` keeps its workers and web processes alive: kill -9 one and a new one takes its place."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import psutil
import pytest
from prometheus_client.parser import text_string_to_metric_families
from websockets.sync.client import connect as ws_connect

from forum.domain import Attendee
from forum.launcher.supervise import FIRST_DELAY, MAX_DELAY, STEADY_AFTER, next_delay
from forum.launcher.valkey import free_port
from forum.services.signin.access import create_session
from forum.services.workers import live_workers
from forum.store import EventStore
from forum.store.sessions import SessionStore
from forum.web.auth import SESSION_COOKIE
from tests.factories import tiny_instance
from tests.live import web_answers
from tests.waiting import wait_for

TOKEN = "supervise-metrics-token"


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str
    output: Path

    def children(self, word: str) -> list[psutil.Process]:
        """Live children whose command line has `word` (a killed one is a zombie until the supervisor reaps it)."""
        found = []
        for child in psutil.Process(self.process.pid).children():
            try:
                if word in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.Error:
                pass
        return found


@pytest.fixture
def serve(tmp_path: Path, redis_url: str) -> Iterator[Callable[..., Served]]:
    started: list[Served] = []

    def start(*args: str) -> Served:
        port, output = free_port(), tmp_path / "serve.out"
        env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
        env.update(FORUM_REDIS_URL=redis_url, FORUM_DATA_DIR=str(tmp_path / "var"), FORUM_METRICS_TOKEN=TOKEN)
        with open(output, "wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "forum", "serve", "--port", str(port), *args],
                                    env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
        served = Served(proc, f"http://127.0.0.1:{port}", output)
        started.append(served)
        wait_for(lambda: web_answers(served.url) or proc.poll() is not None, 60)
        assert proc.poll() is None, output.read_text()
        return served

    yield start
    for served in started:
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(30) == 0



def organizer(store: EventStore, event: str) -> dict[str, str]:
    people = (*tiny_instance().attendees, Attendee("o1", "Olga Organizer", role="organizer"))
    store.import_instance(replace(tiny_instance(event), attendees=people))
    cookie = create_session(store.client, event, "o1")
    session = SessionStore(store.client).get(cookie)
    assert session is not None
    return {"X-CSRF-Token": session.csrf, "Cookie": f"{SESSION_COOKIE}={cookie}"}


def test_backoff_doubles_from_one_second_to_thirty_and_resets_after_a_minute_up() -> None:
    delays, delay = [], 0.0
    for _ in range(7):
        delay = next_delay(delay, lived=2.0)
        delays.append(delay)
    assert delays == [FIRST_DELAY, 2, 4, 8, 16, MAX_DELAY, MAX_DELAY] and (FIRST_DELAY, MAX_DELAY) == (1, 30)
    assert next_delay(MAX_DELAY, lived=STEADY_AFTER) == FIRST_DELAY


def test_serve_replaces_a_killed_worker_and_a_later_run_finishes(serve: Callable[..., Served],
                                                                 store: EventStore) -> None:
    headers = organizer(store, "sup")
    served = serve("--workers", "2")
    first = wait_for(lambda: {w.pid for w in live_workers(store.client, "forum")} if
                     len(live_workers(store.client, "forum")) == 2 else None)
    victim = sorted(first)[0]
    os.kill(victim, signal.SIGKILL)
    # Back to two beating workers, the new one in the dead one's place (its heartbeat expired by itself).
    now = wait_for(lambda: {w.pid for w in live_workers(store.client, "forum")} if
                   len(live_workers(store.client, "forum")) == 2 and victim not in
                   {w.pid for w in live_workers(store.client, "forum")} else None, 60)
    assert len(now - first) == 1 and len(served.children("forum worker")) == 2
    run = httpx.post(f"{served.url}/api/events/sup/runs", json={"time_limit": 1}, headers=headers, timeout=10)
    assert run.status_code == 202, run.text
    path = f"{served.url}/api/events/sup/runs/{run.json()['run']['id']}"
    wait_for(lambda: httpx.get(path, headers=headers, timeout=10).json()["run"]["status"] == "finished", 60)
    assert f"(pid {victim}) exited with code -9" in served.output.read_text()


def test_serve_web_processes_share_the_port_and_count_as_one_in_metrics(serve: Callable[..., Served],
                                                                        store: EventStore) -> None:
    headers = organizer(store, "webs")
    served = serve("--web-processes", "2", "--workers", "0")
    webs = {c.pid for c in served.children("uvicorn")}
    assert len(webs) == 2
    with ws_connect(served.url.replace("http", "ws") + "/ws/webs?view=organizer", compression=None,
                    additional_headers={"Origin": served.url, "Cookie": headers["Cookie"]}) as console:
        console.recv(10)  # hello
        held = sockets(served)  # one series per web process: the one that took the socket holds it
        assert set(held) == {str(pid) for pid in webs} and sorted(held.values()) == [0.0, 1.0]
        httpx.post(f"{served.url}/api/events/webs/runs", json={"time_limit": 5}, headers=headers, timeout=10)
        console.recv(10)  # the queued run, pushed
        wait_for(lambda: scrape(served).get("forum_push_lag_seconds_count", 0) >= 1)
    victim = sorted(webs)[0]
    os.kill(victim, signal.SIGKILL)
    replaced = wait_for(lambda: len(now := {c.pid for c in served.children("uvicorn")}) == 2 and
                        victim not in now and now)
    wait_for(lambda: set(sockets(served)) == {str(pid) for pid in replaced})  # the dead one's gauge is gone
    for _ in range(20):  # whichever process accepts, the port answers
        assert web_answers(served.url)


def scrape(served: Served) -> dict[str, float]:
    text = httpx.get(f"{served.url}/metrics", headers={"authorization": f"Bearer {TOKEN}"}, timeout=10).text
    return {s.name + ("" if "pid" not in s.labels else f":{s.labels['pid']}"): s.value
            for f in text_string_to_metric_families(text) for s in f.samples}


def sockets(served: Served) -> dict[str, float]:
    return {k.split(":")[1]: v for k, v in scrape(served).items() if k.startswith("forum_websockets_connected:")}
