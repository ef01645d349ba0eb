"""Run records: one active run per event, status changes guarded in Lua, bounded progress history."""

from __future__ import annotations

from dataclasses import replace

import pytest

from forum.domain import RunStatus, SolverRun
from forum.errors import Conflict
from forum.store import EventStore
from forum.store.runs import PROGRESS_KEEP, RunStore


def _run(runs: RunStore, event: str = "tiny") -> SolverRun:
    run = SolverRun(runs.new_id(event), event, time_limit=5)
    runs.claim(run)
    return run


def test_claim_second_run_while_one_active_conflicts(store: EventStore) -> None:
    runs = RunStore(store.client)
    first = _run(runs)
    with pytest.raises(Conflict, match=first.id):
        _run(runs)
    assert runs.active("tiny") == first.id and [r.id for r in runs.all("tiny")] == [first.id]


def test_transition_with_release_frees_the_event_for_a_new_run(store: EventStore) -> None:
    runs = RunStore(store.client)
    first = _run(runs)
    done = runs.transition("tiny", first.id, (RunStatus.QUEUED,),
                           lambda r: replace(r, status=RunStatus.CANCELLED), release=True)
    assert done is not None and runs.get("tiny", first.id).status is RunStatus.CANCELLED
    assert _run(runs).id != first.id


def test_transition_from_wrong_status_changes_nothing(store: EventStore) -> None:
    runs = RunStore(store.client)
    run = _run(runs)
    assert runs.transition("tiny", run.id, (RunStatus.RUNNING,),
                           lambda r: replace(r, status=RunStatus.FAILED), release=True) is None
    assert runs.get("tiny", run.id).status is RunStatus.QUEUED and runs.active("tiny") == run.id


def test_progress_history_keeps_the_latest_points(store: EventStore) -> None:
    runs = RunStore(store.client)
    for i in range(PROGRESS_KEEP + 5):
        runs.add_progress("tiny", "run-1", {"elapsed": i})
    points = runs.progress("tiny", "run-1")
    assert len(points) == PROGRESS_KEEP and points[-1] == {"elapsed": PROGRESS_KEEP + 4}
