"""Each hard rule: the solver's schedule keeps it, and the validator refuses a schedule that breaks it."""

from __future__ import annotations

from forum.checker import validate
from tests.solver.solver_builders import build, placed, run, schedule

PANEL = {
    "more_slots": [{"id": "p1", "start": "2026-03-24T09:00", "end": "2026-03-24T09:30", "kind": "pitch"},
                   {"id": "p2", "start": "2026-03-24T09:30", "end": "2026-03-24T10:00", "kind": "pitch"}],
    "more_locations": [{"id": "R1", "kind": "room"}],
    "pitch_sessions": [{"id": "copro", "location": "R1", "panel": ["b1"], "slots": ["p1", "p2"]}],
    "projects": [{"id": "pr1", "title": "Les Mines", "presenters": ["s1"]}],
}


def rules(inst, sched) -> set[int]:  # type: ignore[no-untyped-def]
    return {v.rule for v in validate(inst, sched)}


def test_rule1_solver_meets_each_wish_once_at_a_table():
    inst = build(attendees=["s1", "b1"], wishes=[("w1", "s1", "b1")], **PANEL)
    result = run(inst)
    assert result.violations == []
    m = placed(result)["w1"]
    assert m.location.startswith("T") and m.slot.startswith("s")


def test_rule1_validator_refuses_twice_met_pitch_slot_and_room():
    inst = build(attendees=["s1", "b1"], wishes=[("w1", "s1", "b1")], **PANEL)
    assert 1 in rules(inst, schedule([("w1", "s24-2", "T0"), ("w1", "s24-3", "T1")], [("pr1", "p1")]))
    assert 1 in rules(inst, schedule([("w1", "p2", "T0")], [("pr1", "p1")]))
    assert 1 in rules(inst, schedule([("w1", "s24-3", "R1")], [("pr1", "p1")]))


def test_rule2_solver_respects_availability_and_within():
    late = [{"start": "2026-03-24T10:00", "end": "2026-03-24T11:00"}]
    inst = build(attendees=["s1", {"id": "b1", "name": "b1", "available": late}],
                 wishes=[{"id": "w1", "from": "s1", "to": "b1",
                          "within": [{"start": "2026-03-24T10:30", "end": "2026-03-24T11:00"}]}])
    assert placed(run(inst))["w1"].slot == "s24-3"


def test_rule2_validator_refuses_unavailable_participant_and_outside_within():
    late = [{"start": "2026-03-24T10:00", "end": "2026-03-24T11:00"}]
    inst = build(attendees=["s1", {"id": "b1", "name": "b1", "available": late}],
                 wishes=[{"id": "w1", "from": "s1", "to": "b1",
                          "within": [{"start": "2026-03-24T10:30", "end": "2026-03-24T11:00"}]}])
    violations = validate(inst, schedule([("w1", "s24-0", "T0")]))
    assert {v.rule for v in violations} == {2}
    assert any("b1" in v.ids for v in violations)
    assert 2 in rules(inst, schedule([("w1", "s24-2", "T0")]))


def test_rule3_solver_keeps_groups_panels_and_presenters_apart():
    inst = build(attendees=["s1", "s2", "b1", "b2"],
                 wishes=[("w1", "s1", "b2"), ("w2", "s2", "b1"),
                         {"id": "w3", "from": "s2", "to": "b2", "with": ["s1"]}], **PANEL)
    result = run(inst)
    assert result.violations == []
    m = placed(result)
    assert len(m) == 3
    assert m["w2"].slot not in ("s24-0", "s24-1")  # b1 sits on the panel from 9:00 to 10:00
    assert len({m["w1"].slot, m["w3"].slot}) == 2  # s1 and b2 are in both
    pitch_slot = result.schedule.pitches[0].slot
    assert {"p1": "s24-0", "p2": "s24-1"}[pitch_slot] not in (m["w1"].slot, m["w3"].slot)


def test_rule3_validator_refuses_double_booking_and_meeting_during_panel():
    inst = build(attendees=["s1", "s2", "b1", "b2"], wishes=[("w1", "s1", "b2"), ("w2", "s2", "b1"),
                                                          ("w3", "s1", "b1")], **PANEL)
    assert 3 in rules(inst, schedule([("w1", "s24-2", "T0"), ("w3", "s24-2", "T1")], [("pr1", "p2")]))
    violations = validate(inst, schedule([("w2", "s24-0", "T0")], [("pr1", "p2")]))
    assert [v.rule for v in violations] == [3]
    assert "b1" in violations[0].ids


def test_rule4_solver_uses_one_table_per_slot():
    inst = build(attendees=["s1", "s2", "b1", "b2"], wishes=[("w1", "s1", "b1"), ("w2", "s2", "b2")], tables=1)
    m = placed(run(inst))
    assert len(m) == 2 and m["w1"].slot != m["w2"].slot


def test_rule4_validator_refuses_two_meetings_at_one_table():
    inst = build(attendees=["s1", "s2", "b1", "b2"], wishes=[("w1", "s1", "b1"), ("w2", "s2", "b2")])
    violations = validate(inst, schedule([("w1", "s24-0", "T0"), ("w2", "s24-0", "T0")]))
    assert [v.rule for v in violations] == [4]
    assert "T0" in violations[0].ids


def test_rule5_solver_keeps_caps_required_and_fixed():
    b1 = {"id": "b1", "name": "b1", "max_meetings": 2, "max_per_day": 2}
    inst = build(attendees=["s1", "s2", "s3", b1],
                 wishes=[{"id": "w1", "from": "s1", "to": "b1", "weight": 10},
                         {"id": "w2", "from": "s2", "to": "b1", "weight": 10},
                         {"id": "w3", "from": "s3", "to": "b1", "required": True}],
                 fixed=[{"wish": "w2", "slot": "s24-3", "location": "T1"}])
    result = run(inst)
    assert result.violations == []
    m = placed(result)
    assert set(m) == {"w2", "w3"}
    assert (m["w2"].slot, m["w2"].location) == ("s24-3", "T1")


def test_rule5_validator_refuses_broken_caps_missing_required_and_moved_fixed():
    b1 = {"id": "b1", "name": "b1", "max_meetings": 1}
    s1 = {"id": "s1", "name": "s1", "max_per_day": 1}
    inst = build(attendees=[s1, "s2", b1, "b2"],
                 wishes=[("w1", "s1", "b1"), ("w2", "s2", "b1"), ("w3", "s1", "b2"),
                         {"id": "w4", "from": "s2", "to": "b2", "required": True}],
                 fixed=[{"wish": "w3", "slot": "s24-3", "location": "T0"}])
    violations = validate(inst, schedule([("w1", "s24-0", "T0"), ("w2", "s24-1", "T0"), ("w3", "s24-2", "T0")]))
    text = " ".join(v.message for v in violations)
    assert {v.rule for v in violations} == {5}
    assert "cap of 1 meetings" in text and "a day" in text and "w4" in text and "w3" in text


def test_rule6_solver_pitches_each_project_once_in_its_session():
    inst = build(attendees=["s1", "s2", "b1"], wishes=[("w1", "s1", "b1")],
                 **{**PANEL, "projects": [{"id": "pr1", "title": "A", "presenters": ["s1"]},
                                          {"id": "pr2", "title": "B", "presenters": ["s2"],
                                           "sessions": ["copro"]}]})
    result = run(inst)
    assert result.violations == []
    assert sorted(p.project for p in result.schedule.pitches) == ["pr1", "pr2"]
    assert len({p.slot for p in result.schedule.pitches}) == 2


def test_rule6_validator_refuses_missing_double_and_misplaced_pitches():
    inst = build(attendees=["s1", "s2", "b1"], wishes=[],
                 **{**PANEL, "projects": [{"id": "pr1", "title": "A", "presenters": ["s1"]},
                                          {"id": "pr2", "title": "B", "presenters": ["s2"]}]})
    assert 6 in rules(inst, schedule([], [("pr1", "p1")]))
    assert 6 in rules(inst, schedule([], [("pr1", "p1"), ("pr2", "p1")]))
    assert 6 in rules(inst, schedule([], [("pr1", "p1"), ("pr2", "s24-3")]))
    assert rules(inst, schedule([], [("pr1", "p1"), ("pr2", "p2")])) == set()
