"""Moves between search rounds: an attendee-day's first or last meeting goes where it closes an idle run."""

from __future__ import annotations

from forum.solver import SolveParams
from forum.solver.compact import relocate_gappy
from forum.solver.improve import idle_runs
from forum.solver.params import Weights
from forum.solver.solve import Run
from tests.solver.solver_builders import build, slots


def two_days() -> Run:
    """s1 meets b1 and b2; four slots on each of two days; nothing placed yet."""
    inst = build(attendees=["s1", "b1", "b2"], wishes=[("w1", "s1", "b1"), ("w2", "s1", "b2")],
                 more_slots=slots(4, day="2026-03-25"))
    run = Run(inst, SolveParams(time_limit=5, workers=1), None, None)
    run.pitches()
    return run


def gaps(run: Run) -> int:
    return sum(idle_runs(run.fest, run.tt, p, d) for p in range(3) for d in range(run.fest.n_days))


def test_relocate_gappy_moves_an_edge_meeting_next_to_the_other() -> None:
    run = two_days()
    run.tt.place(0, 0)  # w1 first thing on day one
    run.tt.place(1, 3)  # w2 last thing: s1 waits two slots
    assert gaps(run) == 1
    assert relocate_gappy(run.fest, run.tt, Weights(), lambda: False) == 1
    assert gaps(run) == 0 and min(run.tt.at) >= 0  # both still met, side by side or on separate days


def test_relocate_gappy_leaves_a_timetable_without_gaps_alone() -> None:
    run = two_days()
    run.tt.place(0, 0)
    run.tt.place(1, 1)
    assert relocate_gappy(run.fest, run.tt, Weights(), lambda: False) == 0
    assert run.tt.at == [0, 1]


def test_relocate_gappy_never_moves_a_locked_meeting() -> None:
    run = two_days()
    for wi, s in ((0, 0), (1, 3)):
        run.tt.place(wi, s)
        run.tt.locked.add(wi)
    assert relocate_gappy(run.fest, run.tt, Weights(), lambda: False) == 0
    assert run.tt.at == [0, 3]
