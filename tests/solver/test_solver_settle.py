"""When a solve stops early: value near the bound with everyone served, and gaps that stopped shrinking."""

from __future__ import annotations

from forum.solver import SolveParams
from forum.solver.settle import Settle
from forum.solver.solve import Run
from tests.solver.solver_builders import build


def two_requesters() -> Run:
    inst = build(attendees=["s1", "s2", "b1"], wishes=[("w1", "s1", "b1"), ("w2", "s2", "b1")])
    run = Run(inst, SolveParams(time_limit=5, workers=2), None, None)
    run.pitches()
    assert run.slotting() == []
    return run


def settled() -> Settle:
    run = two_requesters()
    return Settle(run.fest, run.tt, 2)


def test_settle_value_reached_when_near_the_bound_and_everyone_served() -> None:
    run = two_requesters()
    assert run.bound == 2 and len(run.tt.met()) == 2
    assert Settle(run.fest, run.tt, 2).value_reached(run.bound, run.eligible())


def test_settle_value_not_reached_when_a_requester_has_nothing() -> None:
    run = two_requesters()
    run.tt.remove(1)  # s2's only wish
    assert not Settle(run.fest, run.tt, 2).value_reached(run.bound, run.eligible())


def test_settle_value_not_reached_below_the_target_share() -> None:
    run = two_requesters()
    assert not Settle(run.fest, run.tt, 2).value_reached(1000, run.eligible())


def test_settle_enough_once_gaps_stop_shrinking_over_a_stretch() -> None:
    settle = settled()
    assert settle.stretch() == 2  # one day, two workers: every round searches it
    assert [settle.enough((0, g, 0), set()) for g in (300, 299, 299)] == [False, False, True]


def test_settle_not_enough_while_gaps_keep_shrinking() -> None:
    settle = settled()
    assert not any(settle.enough((0, g, 0), set()) for g in (500, 400, 300, 200, 150, 120))


def test_settle_enough_at_once_when_no_gap_is_left() -> None:
    assert settled().enough((0, 0, 0), set())
