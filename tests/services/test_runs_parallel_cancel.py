"""Runs on both cores: cancelled mid-search they keep their draft and no process; the first schedule is shown."""

from __future__ import annotations

import threading

import psutil
import pytest

from benchmarks import generate as gen
from forum.domain import RunStatus
from forum.domain.instance_json import parse_instance
from forum.services.runs.job import execute_run
from forum.services.runs.lifecycle import cancel_run, run_detail, start_run
from forum.services.runs.registry import open_queue
from forum.solver import FIRST_SCHEDULE
from forum.store import EventStore
from forum.store.jobs import JobQueue
from forum.store.schedule import ScheduleStore
from tests.factories import tiny_instance
from tests.waiting import wait_for


@pytest.fixture
def jobs(redis_url: str) -> JobQueue:
    return open_queue(redis_url, "forum-test")


def test_two_process_run_cancelled_mid_search_keeps_its_draft_and_no_child(store: EventStore,
                                                                           jobs: JobQueue) -> None:
    gen.SIZES["parallel-run"] = (120, 900)
    inst = parse_instance(gen.generate("parallel-run", seed=5))
    store.import_instance(inst)
    event = inst.event.id
    run = start_run(store.client, jobs, event, 120)
    me = psutil.Process()
    before = {p.pid for p in me.children()}  # the test's own Valkey among them

    def helpers() -> set[int]:
        return {p.pid for p in me.children()} - before

    def cancel_once_a_helper_searches() -> None:
        wait_for(helpers, timeout=60, what="a helper process")
        cancel_run(store.client, jobs, event, run.id)

    canceller = threading.Thread(target=cancel_once_a_helper_searches)
    canceller.start()
    done = execute_run(store.client, event, run.id, workers=2)
    canceller.join()
    assert done is not None and done.status is RunStatus.CANCELLED, done
    assert done.figures["met"] > 0 and ScheduleStore(store.client).draft(event, run.id) is not None
    assert not helpers()
    phases = [point.get("phase") for point in run_detail(store.client, event, run.id)["progress"]]
    assert FIRST_SCHEDULE in phases  # shown to organizers even though later phases reported right after


def test_tiny_run_shows_its_first_schedule_in_the_progress(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    run = start_run(store.client, jobs, "tiny", 1.5)
    execute_run(store.client, "tiny", run.id, workers=1)
    points = run_detail(store.client, "tiny", run.id)["progress"]
    first = next(p for p in points if p.get("phase") == FIRST_SCHEDULE)
    assert first["met"] > 0 and first["bound"] is not None
