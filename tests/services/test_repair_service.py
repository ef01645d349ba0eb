"""Repair requests: flagged by a decline, started by the sweeper at most once per window, never beside a run."""

from __future__ import annotations

import pytest

from forum.domain import RunStatus
from forum.services.runs.lifecycle import start_run
from forum.services.runs.registry import open_queue
from forum.services.runs.repair import request_repair, start_pending_repair
from forum.store import EventStore
from forum.store.flags import Flags
from forum.store.jobs import JobQueue
from tests.factories import tiny_instance


@pytest.fixture
def jobs(redis_url: str) -> JobQueue:
    return open_queue(redis_url, "forum-repair-test")


def test_repair_starts_once_per_window_and_keeps_later_requests(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    assert start_pending_repair(store.client, jobs, "tiny") is None  # nothing asked yet
    request_repair(store.client, "tiny")
    run = start_pending_repair(store.client, jobs, "tiny")
    assert run is not None and run.id.startswith("repair-") and run.status is RunStatus.QUEUED
    request_repair(store.client, "tiny")
    assert start_pending_repair(store.client, jobs, "tiny") is None  # rate-limited
    assert Flags(store.client).is_pending("tiny", "repair")  # not forgotten


def test_repair_waits_while_a_run_is_active(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    start_run(store.client, jobs, "tiny", 30)
    request_repair(store.client, "tiny")
    assert start_pending_repair(store.client, jobs, "tiny") is None
    assert Flags(store.client).is_pending("tiny", "repair")
