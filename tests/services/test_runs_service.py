"""Runs through the services: start (one active), execute as a worker would, cancel, reap dead runs."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from forum.domain import RunStatus
from forum.errors import Conflict, InvalidInput
from forum.services.runs.job import execute_run
from forum.services.runs.lifecycle import cancel_run, list_runs, reap, run_detail, start_run
from forum.services.runs.registry import open_queue
from forum.services.setup.demo import series_mania
from forum.store import EventStore
from forum.store.flags import Flags
from forum.store.jobs import JobQueue
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.factories import tiny_instance


@pytest.fixture
def jobs(redis_url: str) -> JobQueue:
    return open_queue(redis_url, "forum-test")


def test_start_run_queues_job_and_refuses_a_second(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    run = start_run(store.client, jobs, "tiny", 2, {"gaps": 5})
    assert run.status is RunStatus.QUEUED and len(jobs.queue) == 1
    with pytest.raises(Conflict):
        start_run(store.client, jobs, "tiny", 2)


@pytest.mark.parametrize("limit, weights", [(0, None), ("soon", None), (5, {"speed": 1}), (5, {"gaps": -1})])
def test_start_run_with_bad_params_refused(store: EventStore, jobs: JobQueue, limit: object, weights: object) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput):
        start_run(store.client, jobs, "tiny", limit, weights)


def test_execute_run_keeps_draft_figures_and_progress(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    run = start_run(store.client, jobs, "tiny", 1.5)
    done = execute_run(store.client, "tiny", run.id, workers=1)
    assert done is not None and done.status is RunStatus.FINISHED and done.figures["met"] == 2
    assert ScheduleStore(store.client).draft("tiny", run.id) is not None
    detail = run_detail(store.client, "tiny", run.id)
    assert detail["progress"] and {"elapsed", "value", "bound"} <= set(detail["progress"][-1])
    assert RunStore(store.client).active("tiny") is None


def test_cancel_queued_run_never_starts(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    run = start_run(store.client, jobs, "tiny", 2)
    assert cancel_run(store.client, jobs, "tiny", run.id).status is RunStatus.CANCELLED
    assert execute_run(store.client, "tiny", run.id, workers=1) is None
    assert [r.status for r in list_runs(store.client, "tiny")] == [RunStatus.CANCELLED]


def test_stop_flag_set_before_solving_ends_run_cancelled_with_draft(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(series_mania(1.0, 2000))
    event = "series-mania-2026"
    run = start_run(store.client, jobs, event, 60)
    Flags(store.client).request_stop(event, run.id)
    done = execute_run(store.client, event, run.id, workers=1)
    assert done is not None and done.status is RunStatus.CANCELLED and done.figures["seconds"] < 10
    assert ScheduleStore(store.client).draft(event, run.id) is not None


def test_reap_marks_running_run_without_heartbeat_failed(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    run = start_run(store.client, jobs, "tiny", 2)
    RunStore(store.client).transition("tiny", run.id, (RunStatus.QUEUED,),
                                      lambda r: replace(r, status=RunStatus.RUNNING, started_at=time.time() - 60))
    failed = reap(store.client, "tiny")
    assert failed is not None and failed.status is RunStatus.FAILED and "heartbeat" in failed.reason
    assert RunStore(store.client).active("tiny") is None


def test_reap_marks_queued_run_whose_job_vanished_failed(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    run = start_run(store.client, jobs, "tiny", 2)
    RunStore(store.client).records("tiny").put(replace(run, created_at=time.time() - 60))
    assert reap(store.client, "tiny", jobs) is None  # its job is waiting in the queue: fine
    jobs.cancel("tiny", run.id)
    failed = reap(store.client, "tiny", jobs)
    assert failed is not None and failed.status is RunStatus.FAILED and "before the run could start" in failed.reason
