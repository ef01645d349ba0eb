"""Logs: one line per event; with FORUM_LOG_JSON=1 every line a web process or a worker writes is a JSON object."""

from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx

from forum.domain import Attendee
from forum.services.logs import JsonLines, TextLines
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.store.sessions import SessionStore
from forum.web.auth import SESSION_COOKIE
from tests.factories import tiny_instance
from tests.live import start_web, start_worker


def failed_record() -> logging.LogRecord:
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        return logging.LogRecord("forum.worker", logging.ERROR, __file__, 1, "run %s failed", ("r1",),
                                 sys.exc_info())


def test_json_lines_put_a_traceback_in_a_field_of_one_line() -> None:
    line = JsonLines("worker").format(failed_record())
    entry = json.loads(line)
    assert "\n" not in line and entry["message"] == "run r1 failed" and entry["level"] == "error"
    assert entry["process"] == "worker" and "ValueError: bad" in entry["error"]


def test_text_lines_keep_a_traceback_on_one_line() -> None:
    line = TextLines("worker").format(failed_record())
    assert "\n" not in line and "ERROR worker forum.worker: run r1 failed" in line and "ValueError" in line


def test_json_logs_of_web_and_worker_parse_as_json(redis_url: str, store: EventStore, tmp_path: Path) -> None:
    people = (*tiny_instance().attendees, Attendee("o1", "Olga Organizer", role="organizer"))
    store.import_instance(replace(tiny_instance(), attendees=people))
    cookie = create_session(store.client, "tiny", "o1")
    session = SessionStore(store.client).get(cookie)
    assert session is not None
    headers = {"X-CSRF-Token": session.csrf, "Cookie": f"{SESSION_COOKIE}={cookie}"}
    web = start_web(redis_url, tmp_path, FORUM_LOG_JSON="1")
    worker = start_worker(redis_url, tmp_path, FORUM_LOG_JSON="1")
    try:
        run = httpx.post(f"{web.url}/api/events/tiny/runs", json={"time_limit": 1}, headers=headers, timeout=10)
        path = f"{web.url}/api/events/tiny/runs/{run.json()['run']['id']}"
        deadline = time.monotonic() + 60
        while httpx.get(path, headers=headers, timeout=10).json()["run"]["status"] != "finished":
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        worker.stop()
        web.stop()
    web_lines = [json.loads(line) for line in web.log.read_text().splitlines()]
    worker_lines = [json.loads(line) for line in worker.log.read_text().splitlines()]
    assert {e["process"] for e in web_lines} == {"web"} and {e["process"] for e in worker_lines} == {"worker"}
    messages = [e["message"] for e in worker_lines]
    assert any("listening on queue forum" in m for m in messages)
    assert any(m.startswith(f"run {run.json()['run']['id']} of tiny finished after") for m in messages)
    assert any("ready" in e["message"] for e in web_lines)
