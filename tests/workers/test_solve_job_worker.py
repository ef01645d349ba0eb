"""A real `forum worker` process runs queued runs and flagged repairs."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from forum.domain import MeetingStatus, RunStatus, SolverRun
from forum.services.runs.lifecycle import start_run
from forum.services.runs.registry import open_queue
from forum.services.runs.repair import request_repair
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.factories import tiny_instance
from tests.live import WorkerProcess, start_worker


@pytest.fixture
def worker(redis_url: str, tmp_path: Path) -> Iterator[WorkerProcess]:
    process = start_worker(redis_url, tmp_path)
    yield process
    process.stop()


def wait_for_run(store: EventStore, event: str, run: str, timeout: float = 60) -> SolverRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = RunStore(store.client).get(event, run)
        if found.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            return found
        time.sleep(0.2)
    raise AssertionError(f"run {run} still {found.status.value} after {timeout}s")


def test_worker_process_solves_queued_run(store: EventStore, redis_url: str, worker: WorkerProcess) -> None:
    store.import_instance(tiny_instance())
    run = start_run(store.client, open_queue(redis_url, "forum"), "tiny", 1.5)
    done = wait_for_run(store, "tiny", run.id)
    assert done.status is RunStatus.FINISHED, done.reason
    assert done.started_at is not None and done.finished_at is not None and done.figures["met"] == 2
    assert ScheduleStore(store.client).draft("tiny", run.id) is not None


def test_worker_repair_after_decline_fills_freed_slot(store: EventStore, worker: WorkerProcess) -> None:
    inst = tiny_instance()
    store.import_instance(replace(inst, previous=inst.fixed))  # w1 has no meeting yet
    request_repair(store.client, "tiny")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and ScheduleStore(store.client).published_run("tiny") is None:
        time.sleep(0.2)
    assert (ScheduleStore(store.client).published_run("tiny") or "").startswith("repair-")
    meetings = {m.wish: m for m in ScheduleStore(store.client).meetings("tiny")}
    assert meetings["w1"].status is MeetingStatus.PROPOSED
    assert (meetings["w2"].slot, meetings["w2"].status) == ("s1", MeetingStatus.ACCEPTED)
