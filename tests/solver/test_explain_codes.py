"""Why a wish was left out, as data: each reason code with the people, cap and slots it is about."""

from __future__ import annotations

import math

from forum.domain import Why, WhyCode
from forum.domain.schedule_json import dump_schedule, parse_schedule
from forum.solver.explain import reasons
from forum.solver.prep import Festival
from forum.solver.timetable import Timetable
from tests.solver.solver_builders import build, run

DAY2 = [{"start": "2026-03-25T09:00", "end": "2026-03-25T10:00"}]


def _why(inst, seconds: float = 1.0) -> dict[str, Why]:  # type: ignore[no-untyped-def]
    return {u.wish: u.why for u in run(inst, seconds).schedule.unscheduled if u.why is not None}


def test_why_no_common_time_names_everyone_and_no_overlap() -> None:
    b2 = {"id": "b2", "name": "b2", "available": DAY2}
    why = _why(build(attendees=["s1", b2], wishes=[("w1", "s1", "b2")]))["w1"]
    assert why == Why(WhyCode.NO_COMMON_TIME, ("s1", "b2"))


def test_why_no_common_time_keeps_the_overlap_outside_the_wish_windows() -> None:
    b1 = {"id": "b1", "name": "b1", "available": [{"start": "2026-03-24T09:00", "end": "2026-03-24T10:00"}]}
    wish = {"id": "w1", "from": "s1", "to": "b1", "within": DAY2}
    why = _why(build(attendees=["s1", b1], wishes=[wish], more_slots=[
        {"id": "s25-0", "start": "2026-03-25T09:00", "end": "2026-03-25T09:30", "kind": "meeting"}]))["w1"]
    assert why.code is WhyCode.NO_COMMON_TIME and why.slots == ("s24-0", "s24-1")


def test_why_cap_total_and_cap_day_carry_the_cap() -> None:
    b1 = {"id": "b1", "name": "b1", "max_meetings": 1}
    b2 = {"id": "b2", "name": "b2", "max_per_day": 1}
    inst = build(attendees=["s1", "s2", "s3", "s4", b1, b2], wishes=[
        {"id": "w1", "from": "s1", "to": "b1", "weight": 10}, ("w2", "s2", "b1"),
        {"id": "w3", "from": "s3", "to": "b2", "weight": 10}, ("w4", "s4", "b2")])
    why = _why(inst)
    assert why["w2"] == Why(WhyCode.CAP_TOTAL, ("b1",), 1)
    assert why["w4"] == Why(WhyCode.CAP_DAY, ("b2",), 1)


def test_why_tables_full_gives_the_free_slots() -> None:
    inst = build(attendees=["s1", "s2", "b1", "b2"], wishes=[{"id": "w1", "from": "s1", "to": "b1", "weight": 3},
                                                             ("w2", "s2", "b2")], n_slots=1, tables=1)
    assert _why(inst)["w2"] == Why(WhyCode.TABLES_FULL, slots=("s24-0",))


def test_why_lost_to_own_must_names_the_requesters_own_wish() -> None:
    inst = build(attendees=["s1", "s2", "b1", "b2"], wishes=[
        {"id": "w1", "from": "s1", "to": "b1", "weight": 10},
        {"id": "w2", "from": "s1", "to": "b2", "weight": 1}], n_slots=1)
    assert _why(inst)["w2"] == Why(WhyCode.LOST_TO_OWN_MUST, ("s1",), wishes=("w1",))


def test_why_lost_to_others_names_the_target_never_the_other_requester() -> None:
    inst = build(attendees=["s1", "s2", "b1"], wishes=[
        {"id": "w1", "from": "s1", "to": "b1", "weight": 10}, {"id": "w2", "from": "s2", "to": "b1", "weight": 1}],
        n_slots=1)
    why = _why(inst)["w2"]
    assert why == Why(WhyCode.LOST_TO_OTHERS, ("b1",)) and "s1" not in why.who


def test_why_pitch_clash_names_who_is_on_duty() -> None:
    inst = build(attendees=["s1", "b1"], wishes=[("w1", "s1", "b1")], n_slots=1,
                 more_slots=[{"id": "p1", "start": "2026-03-24T09:00", "end": "2026-03-24T09:20", "kind": "pitch"}],
                 more_locations=[{"id": "R1", "kind": "room"}],
                 pitch_sessions=[{"id": "ps1", "location": "R1", "panel": ["b1"], "slots": ["p1"]}],
                 projects=[{"id": "pr1", "title": "P", "presenters": ["s1"], "sessions": ["ps1"]}])
    why = _why(inst)["w1"]
    assert why.code is WhyCode.PITCH_CLASH and why.slots == ("s24-0",) and set(why.who) == {"s1", "b1"}


def test_why_survives_the_schedule_format_and_plain_reason_stays() -> None:
    inst = build(attendees=["s1", "s2", {"id": "b1", "name": "b1", "max_meetings": 1}],
                 wishes=[{"id": "w1", "from": "s1", "to": "b1", "weight": 10}, ("w2", "s2", "b1")])
    schedule = run(inst).schedule
    doc = dump_schedule(schedule)
    assert doc["unscheduled"] == [{"wish": "w2", "reason": "b1 reached the cap of 1 meetings",
                                   "why": {"code": "cap_total", "who": ["b1"], "limit": 1}}]
    assert parse_schedule(doc).unscheduled == schedule.unscheduled
    del doc["unscheduled"][0]["why"]  # a schedule written before reasons had codes still reads
    assert parse_schedule(doc).unscheduled[0].why is None


def test_why_time_limit_and_cancelled_from_an_unfinished_timetable() -> None:
    inst = build(attendees=["s1", "b1", {"id": "b2", "name": "b2", "available": DAY2}],
                 wishes=[("w1", "s1", "b1"), ("w2", "s1", "b2")], n_slots=2)
    fest = Festival(inst)
    fest.refresh_usable()
    empty = Timetable(fest)  # nothing placed yet: the run stopped at once
    told = {fest.wishes[wi].id: why for wi, (why, _) in reasons(fest, empty, math.inf).items()}
    assert told["w1"] == Why(WhyCode.TIME_LIMIT, slots=("s24-0", "s24-1"))
    cancelled = {fest.wishes[wi].id: why for wi, (why, _) in reasons(fest, empty, 0.0).items()}
    assert cancelled["w1"] == Why(WhyCode.CANCELLED)
    assert cancelled["w2"].code is WhyCode.NO_COMMON_TIME  # a settled reason holds even without time
