"""Property tests: the left-out page's nearest fixes agree with the validator and with the organizer's move."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from forum.checker import validate
from forum.checker.placing import Occupancy
from forum.domain import Instance, Meeting, MeetingStatus, PitchPlacement, Placement, Schedule, Slot, SlotKind, Wish
from forum.services.schedule.left_out import left_out
from forum.services.schedule.meeting_admin import move_problems
from tests.checker.generated_events import events
from tests.factories import tiny_instance, window

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _meetings(schedule: Schedule) -> list[Meeting]:
    return [Meeting(p.wish, p.wish, p.slot, p.location) for p in schedule.meetings]


def _with(schedule: Schedule, placement: Placement) -> Schedule:
    return Schedule((*schedule.meetings, placement), schedule.pitches)


@PROPERTY
@given(events())
def test_nearest_fix_free_is_accepted_by_validator_and_move(event: tuple[Instance, Schedule]) -> None:
    inst, schedule = event
    assert validate(inst, schedule) == []  # the generator's schedule is valid to begin with
    found = left_out(inst, _meetings(schedule), list(schedule.pitches), {})
    for row in found.unmet:
        fix = row.place
        if fix is None or not fix.free:
            continue
        placement = Placement(row.wish.id, fix.slot.id, fix.table)
        assert validate(inst, _with(schedule, placement)) == [], row.fix
        placed = Meeting(row.wish.id, row.wish.id, fix.slot.id, fix.table, MeetingStatus.PROPOSED, True)
        assert move_problems(inst, _meetings(schedule), list(schedule.pitches), placed) == [], row.fix


@PROPERTY
@given(events())
def test_nearest_fix_with_obstacles_names_the_rules_the_validator_breaks(event: tuple[Instance, Schedule]) -> None:
    inst, schedule = event
    found = left_out(inst, _meetings(schedule), list(schedule.pitches), {})
    for row in found.unmet:
        fix = row.place
        if fix is None or fix.free:
            continue
        broken = validate(inst, _with(schedule, Placement(row.wish.id, fix.slot.id, fix.table)))
        assert {v.rule for v in broken} == {o.rule for o in fix.obstacles}, row.fix
        assert {o.who for o in fix.obstacles} <= {i for v in broken for i in v.ids}, row.fix


def test_obstacles_panel_member_busy_for_whole_session() -> None:
    # The panel sits from the session's first pitch to its last: a meeting slot between two pitches is taken
    # even though no pitch slot overlaps it (the rule the old left-out page missed).
    base = tiny_instance()
    pitches = (Slot("p1", window(14, 14.25), SlotKind.PITCH), Slot("p2", window(15, 15.25), SlotKind.PITCH))
    between = Slot("m", window(14.5, 15))
    inst = replace(base, slots=(*[s for s in base.slots if s.kind is SlotKind.MEETING], *pitches, between),
                   pitch_sessions=(replace(base.pitch_sessions[0], slots=("p1", "p2")),),
                   wishes=(Wish("wx", "a3", "a1"),), fixed=(), previous=())
    schedule = Schedule((), (PitchPlacement("pr1", "p1"),))
    obstacles = Occupancy(inst, schedule).obstacles(inst.wishes[-1], "m", "T1")
    assert [(o.who, o.kind) for o in obstacles] == [("a1", "busy")]
    assert [v.rule for v in validate(inst, _with(schedule, Placement("wx", "m", "T1")))] == [3]


def test_obstacles_none_for_a_free_table_and_free_people() -> None:
    inst = tiny_instance()
    obstacles = Occupancy(inst, Schedule(())).obstacles(Wish("wx", "a3", "a1"), "s2", "T1")
    assert obstacles == []


def test_obstacles_table_taken_and_day_cap_reached() -> None:
    inst = replace(tiny_instance(), attendees=tuple(replace(a, max_per_day=1) if a.id == "a1" else a
                                                    for a in tiny_instance().attendees))
    schedule = Schedule((Placement("w1", "s0", "T1"),))
    obstacles = Occupancy(inst, schedule).obstacles(inst.wishes[1], "s0", "T1")
    # w2 brings a3 and a1 together; a3 is in w1 as a colleague, a1 as its target
    assert {(o.rule, o.who, o.kind) for o in obstacles} == {(4, "", "table"), (3, "a1", "busy"), (3, "a3", "busy"),
                                                            (5, "a1", "day cap")}
