"""Filling freed places: the best waiting request that fits gets the place, nobody moves, no rule is broken."""

from __future__ import annotations

from dataclasses import replace

from forum.checker import validate
from forum.checker.filling import fill, filled, priority
from forum.checker.placing import Occupancy
from forum.domain import Attendee, Event, Instance, Location, Placement, Schedule, Slot, Wish
from tests.factories import window

# b1 is free at s1 only: meetings with p1 at s0 and p4 at s2.
PUBLISHED = (Placement("w-p1", "s0", "T1"), Placement("w-p4", "s2", "T1"))


def market(*waiting: Wish, tables: int = 2, b1_day_cap: int | None = None,
           extra: tuple[Placement, ...] = ()) -> tuple[Instance, Schedule]:
    people = (Attendee("b1", "Buyer", role="buyer", max_per_day=b1_day_cap),
              Attendee("b2", "Other buyer", role="buyer"),
              *(Attendee(f"p{i}", f"Producer {i}", role="producer") for i in range(1, 6)))
    known = {w.id: w for w in (Wish("w-p1", "p1", "b1"), Wish("w-p4", "p4", "b1"), Wish("w-b2", "p5", "b2"),
                               Wish("w-p2b2", "p2", "b2"))}
    schedule = Schedule(PUBLISHED + extra)
    placed = tuple(known[p.wish] for p in schedule.meetings)
    inst = Instance(Event("fill", "Fill"), tuple(Slot(f"s{i}", window(9 + i / 2, 9.5 + i / 2)) for i in range(3)),
                    tuple(Location(f"T{t}") for t in range(1, tables + 1)), people, (*placed, *waiting))
    return inst, schedule


def fill_all(inst: Instance, schedule: Schedule) -> tuple[Placement, ...]:
    placed = {p.wish for p in schedule.meetings}
    return fill(Occupancy(inst, schedule), priority([w for w in inst.wishes if w.id not in placed]))


def test_fill_freed_place_goes_to_heaviest_request_that_fits() -> None:
    inst, schedule = market(Wish("light", "p2", "b1", 1), Wish("heavy", "p3", "b1", 10))
    assert fill_all(inst, schedule) == (Placement("heavy", "s1", "T1"),)  # b1 has one free slot: the heavier


def test_fill_moves_nobody_and_the_validator_accepts_it() -> None:
    inst, schedule = market(Wish("light", "p2", "b1", 1), Wish("heavy", "p3", "b1", 10))
    placed = {p.wish for p in schedule.meetings}
    after = filled(Occupancy(inst, schedule), schedule, [w for w in inst.wishes if w.id not in placed])
    assert after.meetings[: len(schedule.meetings)] == schedule.meetings
    assert len(after.meetings) == len(schedule.meetings) + 1
    assert validate(replace(inst, fixed=schedule.meetings), after, max_moved=0) == []


def test_fill_puts_a_must_meet_request_before_a_heavier_one() -> None:
    inst, schedule = market(Wish("heavy", "p3", "b1", 10), Wish("must", "p2", "b1", 1, required=True))
    assert fill_all(inst, schedule) == (Placement("must", "s1", "T1"),)


def test_fill_refuses_a_request_whose_people_are_busy_then() -> None:
    busy = (Placement("w-p2b2", "s1", "T2"),)  # p2 meets b2 at s1, b1's only free slot
    inst, schedule = market(Wish("busy", "p2", "b1", 10), extra=busy)
    assert fill_all(inst, schedule) == ()


def test_fill_refuses_a_place_whose_table_is_taken() -> None:
    taken = (Placement("w-b2", "s1", "T1"),)  # the only table is used at s1 by b2's meeting
    inst, schedule = market(Wish("no-table", "p3", "b1", 10), tables=1, extra=taken)
    assert fill_all(inst, schedule) == ()


def test_fill_refuses_a_request_over_the_day_cap() -> None:
    inst, schedule = market(Wish("capped", "p3", "b1", 10), b1_day_cap=2)  # b1 meets twice that day already
    assert fill_all(inst, schedule) == ()


def test_fill_gives_each_waiting_request_its_own_time() -> None:
    inst, schedule = market(*(Wish(f"x{i}", f"p{i}", "b2", 1) for i in (2, 3, 5)))
    found = fill_all(inst, schedule)  # b2 and these producers are free at all three slots, a table each time
    assert sorted(p.slot for p in found) == ["s0", "s1", "s2"]
    assert validate(inst, Schedule(schedule.meetings + found)) == []
