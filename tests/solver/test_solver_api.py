"""solve(): statuses, conflicts, reasons, progress, cancellation, re-solves and the quality figures."""

from __future__ import annotations

import time

from forum.checker import quality
from forum.solver import Progress, SolveParams, solve
from tests.solver.solver_builders import build, placed, run, schedule


def test_solve_infeasible_when_fixed_meetings_clash():
    inst = build(attendees=["s1", "b1", "b2"], wishes=[("w1", "s1", "b1"), ("w2", "s1", "b2")],
                 fixed=[{"wish": "w1", "slot": "s24-0", "location": "T0"},
                        {"wish": "w2", "slot": "s24-0", "location": "T1"}])
    result = run(inst)
    assert result.status == "infeasible"
    assert any("w1" in c and "w2" in c for c in result.conflicts)


def test_solve_infeasible_when_required_wishes_cannot_all_fit():
    b1 = {"id": "b1", "name": "b1", "available": [{"start": "2026-03-24T09:00", "end": "2026-03-24T09:30"}]}
    inst = build(attendees=["s1", "s2", b1], wishes=[{"id": "w1", "from": "s1", "to": "b1", "required": True},
                                                     {"id": "w2", "from": "s2", "to": "b1", "required": True}])
    result = run(inst)
    assert result.status == "infeasible"
    assert any("w1" in c and "w2" in c for c in result.conflicts)


def test_solve_infeasible_when_required_wish_has_no_common_slot():
    b1 = {"id": "b1", "name": "b1", "available": [{"start": "2026-03-24T09:00", "end": "2026-03-24T09:30"}]}
    s1 = {"id": "s1", "name": "s1", "available": [{"start": "2026-03-24T10:00", "end": "2026-03-24T11:00"}]}
    result = run(build(attendees=[s1, b1], wishes=[{"id": "w1", "from": "s1", "to": "b1", "required": True}]))
    assert result.status == "infeasible" and "w1" in result.conflicts[0]


def test_solve_explains_left_out_wishes_in_plain_words():
    b1 = {"id": "b1", "name": "b1", "max_meetings": 1}
    b2 = {"id": "b2", "name": "b2", "available": [{"start": "2026-03-25T09:00", "end": "2026-03-25T10:00"}]}
    inst = build(attendees=["s1", "s2", b1, b2],
                 wishes=[{"id": "w1", "from": "s1", "to": "b1", "weight": 3}, ("w2", "s2", "b1"), ("w3", "s1", "b2")])
    result = run(inst)
    reasons = {u.wish: u.reason for u in result.schedule.unscheduled}
    assert set(placed(result)) == {"w1"}
    assert reasons["w2"] == "b1 reached the cap of 1 meetings"
    assert reasons["w3"] == "s1 and b2 share no free slot"


def test_solve_reports_bound_figures_and_penalties():
    inst = build(attendees=["s1", "s2", "b1"], wishes=[("w1", "s1", "b1"), ("w2", "s2", "b1")])
    result = run(inst)
    assert result.status == "optimal"
    assert result.figures["value"] == 2 == result.figures["bound"]
    assert result.schedule.stats["met"] == 2
    assert set(result.penalties) == {"value", "unserved", "gaps", "moved"}


def test_solve_serves_every_requester_before_anyone_gets_a_lot():
    b1 = {"id": "b1", "name": "b1", "max_meetings": 2}
    inst = build(attendees=["s1", "s2", b1, "b2"],
                 wishes=[("w1", "s1", "b1"), ("w2", "s1", "b2"), ("w3", "s2", "b1")], n_slots=2)
    result = run(inst)
    assert {placed(result)[w].wish for w in placed(result)} >= {"w3"}
    assert result.figures["unserved"] == 0


def test_solve_keeps_previous_meetings_in_place_on_resolve():
    previous = [{"wish": "w1", "slot": "s24-2", "location": "T1"}]
    inst = build(attendees=["s1", "s2", "b1"], wishes=[("w1", "s1", "b1"), ("w2", "s2", "b1")], previous=previous)
    result = run(inst)
    assert placed(result)["w1"].slot == "s24-2" and placed(result)["w1"].location == "T1"
    assert result.figures["moved"] == 0


def test_solve_calls_progress_and_stops_when_cancelled():
    inst = build(attendees=[f"s{i}" for i in range(8)] + ["b1", "b2"],
                 wishes=[(f"w{i}", f"s{i}", f"b{1 + i % 2}") for i in range(8)])
    seen: list[Progress] = []
    started = time.monotonic()
    result = solve(inst, SolveParams(time_limit=60, workers=1), on_progress=seen.append,
                   should_stop=lambda: time.monotonic() - started > 0.3)
    assert result.violations == []
    assert result.status in ("cancelled", "optimal", "feasible")
    assert seen and seen[-1].phase == "done"
    assert time.monotonic() - started < 30


def test_quality_counts_gaps_unserved_and_moved():
    inst = build(attendees=["s1", "s2", "s3", "b1"],
                 wishes=[("w1", "s1", "b1"), ("w2", "s2", "b1"), ("w3", "s3", "b1")],
                 previous=[{"wish": "w3", "slot": "s24-1", "location": "T0"}])
    figures = quality(inst, schedule([("w1", "s24-0", "T0"), ("w2", "s24-3", "T0")]))
    # b1 is idle at 9:30 and 10:00 between meetings: one run. s3 could have met b1: unserved.
    assert figures == {"value": 2, "met": 2, "unserved": 1, "gaps": 1, "moved": 1}


def test_quality_skips_unavailable_slots_in_gaps():
    b1 = {"id": "b1", "name": "b1", "available": [{"start": "2026-03-24T09:00", "end": "2026-03-24T09:30"},
                                                  {"start": "2026-03-24T10:30", "end": "2026-03-24T11:00"}]}
    inst = build(attendees=["s1", "s2", b1], wishes=[("w1", "s1", "b1"), ("w2", "s2", "b1")])
    assert quality(inst, schedule([("w1", "s24-0", "T0"), ("w2", "s24-3", "T0")]))["gaps"] == 0


def test_solve_explains_full_tables_and_heavier_wishes():
    one_slot = build(attendees=["s1", "s2", "b1", "b2"],
                     wishes=[{"id": "w1", "from": "s1", "to": "b1", "weight": 3}, ("w2", "s2", "b2")],
                     n_slots=1, tables=1)
    reasons = {u.wish: u.reason for u in run(one_slot).schedule.unscheduled}
    assert reasons == {"w2": "tables full at every common free slot"}
    busy_buyer = build(attendees=["s1", "s2", "b1"],
                       wishes=[{"id": "w1", "from": "s1", "to": "b1", "weight": 10},
                               {"id": "w2", "from": "s1", "to": "b1", "weight": 1, "with": ["s2"]}], n_slots=1)
    reasons = {u.wish: u.reason for u in run(busy_buyer).schedule.unscheduled}
    assert reasons["w2"].startswith("lost to higher-weight wishes for")
