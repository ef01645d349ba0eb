"""Stability of re-solves: published pitches count as moves, fixed pitches stay, and the moves budget holds."""

from __future__ import annotations

from typing import Any

from forum.checker import quality, validate
from forum.domain import Weights
from forum.solver import SolveParams, solve
from tests.solver.solver_builders import build, placed, run, schedule

PANEL: dict[str, Any] = {
    "more_slots": [{"id": "p1", "start": "2026-03-24T09:00", "end": "2026-03-24T09:30", "kind": "pitch"},
                   {"id": "p2", "start": "2026-03-24T09:30", "end": "2026-03-24T10:00", "kind": "pitch"}],
    "more_locations": [{"id": "R1", "kind": "room"}],
    "pitch_sessions": [{"id": "copro", "location": "R1", "panel": ["b1"], "slots": ["p1", "p2"]}],
    "projects": [{"id": "pr1", "title": "Les Mines", "presenters": ["s1"]}],
}
# s1 presents pr1 and has an accepted meeting at 9:00, so the pitch can no longer be at p1 (9:00).
PRESENTER_BUSY_AT_NINE: dict[str, Any] = {"fixed": [{"wish": "w1", "slot": "s24-0", "location": "T0"}],
                                          "previous": [{"wish": "w1", "slot": "s24-0", "location": "T0"}]}


def _pitches(result: Any) -> dict[str, str]:
    return {p.project: p.slot for p in result.schedule.pitches}


def test_solve_keeps_fixed_pitch_exactly():
    # Left to itself the solver pitches pr1 at p2.
    inst = build(attendees=["s1", "b1", "b2"], wishes=[("w1", "s1", "b2")], **PANEL,
                 fixed_pitches=[{"project": "pr1", "slot": "p1"}])
    result = run(inst)
    assert result.violations == [] and _pitches(result) == {"pr1": "p1"}


def test_validator_refuses_a_fixed_pitch_moved():
    inst = build(attendees=["s1", "b1", "b2"], wishes=[], **PANEL, fixed_pitches=[{"project": "pr1", "slot": "p2"}])
    violations = validate(inst, schedule([], [("pr1", "p1")]))
    assert [v.rule for v in violations] == [5] and "fixed pitch of pr1" in violations[0].message


def test_resolve_keeps_a_published_pitch_in_its_slot():
    inst = build(attendees=["s1", "b1", "b2"], wishes=[("w1", "s1", "b2")], **PANEL,
                 previous_pitches=[{"project": "pr1", "slot": "p1"}])
    result = run(inst)
    assert _pitches(result) == {"pr1": "p1"} and result.figures["moved"] == 0


def test_resolve_counts_a_pitch_move_in_moved():
    inst = build(attendees=["s1", "b1", "b2"], wishes=[("w1", "s1", "b2")], **PANEL, **PRESENTER_BUSY_AT_NINE,
                 previous_pitches=[{"project": "pr1", "slot": "p1"}])
    result = run(inst)
    assert result.violations == [] and _pitches(result) == {"pr1": "p2"}
    assert result.figures["moved"] == 1 and result.penalties["moved"] == Weights().moved


def test_quality_counts_pitch_placements_that_changed():
    inst = build(attendees=["s1", "b1"], wishes=[], **PANEL, previous_pitches=[{"project": "pr1", "slot": "p1"}])
    assert quality(inst, schedule([], [("pr1", "p1")]))["moved"] == 0
    assert quality(inst, schedule([], [("pr1", "p2")]))["moved"] == 1
    assert quality(inst, schedule([], []))["moved"] == 1


def _gappy() -> Any:
    """a1 meets b1 at 9:00 and b2 at 10:30: closing a1's gap means moving a published meeting."""
    previous = [{"wish": "w1", "slot": "s24-0", "location": "T0"}, {"wish": "w2", "slot": "s24-3", "location": "T0"}]
    return build(attendees=["a1", "b1", "b2"], wishes=[("w1", "a1", "b1"), ("w2", "a1", "b2")], previous=previous)


def test_resolve_respects_the_moves_budget_and_stays_valid():
    cheap_moves = Weights(moved=1)
    free = solve(_gappy(), SolveParams(time_limit=1.0, workers=1, weights=cheap_moves))
    assert free.figures["moved"] >= 1  # without a budget, closing the gap is worth a move
    held = solve(_gappy(), SolveParams(time_limit=1.0, workers=1, weights=cheap_moves, max_moved=0))
    assert held.ok and held.violations == []
    assert held.figures["moved"] == 0 and placed(held)["w2"].slot == "s24-3"


def test_validator_refuses_a_schedule_over_the_moves_budget():
    moved_one = schedule([("w1", "s24-0", "T0"), ("w2", "s24-1", "T0")])
    violations = validate(_gappy(), moved_one, max_moved=0)
    assert [v.rule for v in violations] == [7] and violations[0].ids == ("w2",)
    assert "over the budget of 0" in violations[0].message
    assert validate(_gappy(), moved_one, max_moved=1) == []
    assert validate(_gappy(), moved_one) == []  # no budget given: nothing to check


def test_resolve_is_infeasible_when_forced_moves_exceed_the_budget():
    # b1 is no longer available at 9:00, where w1 was published: w1 must move.
    attendees = ["a1", {"id": "b1", "name": "b1", "available": [{"start": "2026-03-24T09:30",
                                                                 "end": "2026-03-24T18:00"}]}, "b2"]
    previous = [{"wish": "w1", "slot": "s24-0", "location": "T0"}]
    inst = build(attendees=attendees, wishes=[("w1", "a1", "b1"), ("w2", "a1", "b2")], previous=previous)
    refused = solve(inst, SolveParams(time_limit=1.0, workers=1, max_moved=0))
    assert refused.status == "infeasible" and "moves budget of 0" in refused.conflicts[0]
    allowed = solve(inst, SolveParams(time_limit=1.0, workers=1, max_moved=1))
    assert allowed.ok and allowed.figures["moved"] == 1


def test_resolve_is_infeasible_when_a_pitch_must_move_beyond_the_budget():
    inst = build(attendees=["s1", "b1", "b2"], wishes=[("w1", "s1", "b2")], **PANEL, **PRESENTER_BUSY_AT_NINE,
                 previous_pitches=[{"project": "pr1", "slot": "p1"}])
    refused = solve(inst, SolveParams(time_limit=1.0, workers=1, max_moved=0))
    assert refused.status == "infeasible" and "moves budget of 0" in refused.conflicts[0]
