"""Comparing two runs: figures, per-role satisfaction and the meetings that differ."""

from __future__ import annotations

import pytest

from forum.domain import Placement, RunStatus, Schedule, SolverRun
from forum.errors import Conflict, InvalidInput
from forum.services.runs.compare import compare_runs, role_satisfaction, run_figures
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.factories import tiny_instance


def _run(store: EventStore, ident: str, schedule: Schedule | None, figures: dict[str, float] | None = None) -> None:
    RunStore(store.client).records("tiny").put(SolverRun(ident, "tiny", RunStatus.FINISHED, figures=figures or {}))
    if schedule is not None:
        ScheduleStore(store.client).save_draft("tiny", ident, schedule)


def test_compare_runs_gives_figures_roles_and_differences(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    _run(store, "run-1", Schedule((Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2"))),
         {"value": 4.0, "met": 2.0, "unserved": 0.0, "gaps": 1.0, "moved": 0.0, "seconds": 0.5})
    _run(store, "run-2", Schedule((Placement("w2", "s1", "T2"),)), {"value": 1.0, "met": 1.0})
    found = compare_runs(store.client, "tiny", "run-1", "run-2")
    assert found.figures["met"] == (2, 1) and found.figures["value"] == (4, 1)
    assert found.figures["gaps"] == (1, None) and "seconds" not in found.figures
    assert found.roles["producer"] == (1.0, 0.25)
    assert [(d.wish, d.right) for d in found.differences] == [("w1", None)] and found.different == 1


def test_compare_runs_names_who_meets_whom(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    _run(store, "run-1", Schedule((Placement("w1", "s0", "T1"),)))
    _run(store, "run-2", Schedule(()))
    found = compare_runs(store.client, "tiny", "run-1", "run-2")
    assert [(p.name, p.organization) for p in found.people["w1"]] == [
        ("Paul Producer", "Films"), ("Ada Buyer", "HBO"), ("Zoé Colleague", "Films")]
    assert "w2" not in found.people  # only the differences shown are named


def test_compare_figures_are_the_runs_recorded_figures_not_a_recount(store: EventStore) -> None:
    """The runs list shows what the run recorded; the comparison must show the same even where a recount
    against the event as it is now would differ (here: the record says 7 moved, the draft moves nothing)."""
    store.import_instance(tiny_instance())
    recorded = {"value": 4.0, "met": 2.0, "unserved": 0.0, "gaps": 0.0, "moved": 7.0}
    _run(store, "run-1", Schedule((Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2"))), recorded)
    _run(store, "run-2", Schedule(()), {"value": 0.0, "met": 0.0, "unserved": 1.0, "gaps": 0.0, "moved": 0.0})
    found = compare_runs(store.client, "tiny", "run-1", "run-2")
    left = RunStore(store.client).get("tiny", "run-1")
    assert {name: pair[0] for name, pair in found.figures.items()} == run_figures(left) == \
        {"value": 4, "met": 2, "unserved": 0, "gaps": 0, "moved": 7}


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
