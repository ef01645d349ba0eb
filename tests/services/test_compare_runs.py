"""Comparing two runs: figures, per-role satisfaction and the meetings that differ."""

from __future__ import annotations

import pytest

from forum.domain import Placement, RunStatus, Schedule, SolverRun
from forum.errors import Conflict, InvalidInput
from forum.services.runs.compare import compare_runs, role_satisfaction
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.factories import tiny_instance


def _run(store: EventStore, ident: str, schedule: Schedule | None) -> None:
    RunStore(store.client).records("tiny").put(SolverRun(ident, "tiny", RunStatus.FINISHED))
    if schedule is not None:
        ScheduleStore(store.client).save_draft("tiny", ident, schedule)


def test_compare_runs_gives_figures_roles_and_differences(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    _run(store, "run-1", Schedule((Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2"))))
    _run(store, "run-2", Schedule((Placement("w2", "s1", "T2"),)))
    found = compare_runs(store.client, "tiny", "run-1", "run-2")
    assert found.figures["met"] == (2, 1) and found.figures["value"] == (4, 1)
    assert found.roles["producer"] == (1.0, 0.25)
    assert [(d.wish, d.right) for d in found.differences] == [("w1", None)] and found.different == 1


def test_compare_runs_same_or_missing_schedule_is_refused(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    _run(store, "run-1", Schedule(()))
    _run(store, "run-2", None)
    with pytest.raises(InvalidInput):
        compare_runs(store.client, "tiny", "run-1", "run-1")
    with pytest.raises(Conflict, match="no schedule"):
        compare_runs(store.client, "tiny", "run-1", "run-2")


def test_role_satisfaction_empty_schedule_is_zero() -> None:
    assert role_satisfaction(tiny_instance(), Schedule(())) == {"producer": 0.0}
