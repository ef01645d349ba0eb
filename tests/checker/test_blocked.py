"""Whether any slot and table can take a wish at all (the accept check and the left-out reason), and why not."""

from __future__ import annotations

from dataclasses import replace

from forum.checker import validate
from forum.checker.placing import Occupancy, blocked, free_place
from forum.domain import Attendee, Instance, Placement, Schedule, Wish
from tests.factories import tiny_instance, window

WISH = Wish("wx", "a3", "a1")


def _inst(**people: dict) -> Instance:
    base = tiny_instance()
    attendees = tuple(replace(a, **people[a.id]) if a.id in people else a for a in base.attendees)
    wishes = tuple(replace(w, required=False) for w in base.wishes)
    return replace(base, attendees=attendees, wishes=(*wishes, WISH), fixed=(), previous=(), projects=())


def test_free_place_found_is_one_the_validator_accepts() -> None:
    inst = _inst()
    schedule = Schedule((Placement("w1", "s0", "T1"),))
    place = free_place(Occupancy(inst, schedule), WISH)
    assert place is not None and blocked(Occupancy(inst, schedule), WISH) is None
    slot, table = place
    assert validate(inst, Schedule((*schedule.meetings, Placement("wx", slot.id, table)))) == []


def test_blocked_when_the_people_are_never_available_together() -> None:
    found = blocked(Occupancy(_inst(a3={"available": (window(16, 17),)}), Schedule(())), WISH)
    assert found is not None and found.kind == "no common time" and found.who == ("a3", "a1")


def test_blocked_by_a_cap_names_who_and_the_cap() -> None:
    inst = _inst(a1={"max_meetings": 1})
    found = blocked(Occupancy(inst, Schedule((Placement("w1", "s0", "T1"),))), WISH)
    assert found is not None and (found.kind, found.who, found.limit) == ("cap", ("a1",), 1)


def test_blocked_when_every_common_time_is_taken() -> None:
    # a1 is free 9:00-11:00 only as far as the slots go; four meetings fill it.
    inst = replace(_inst(), wishes=(*_inst().wishes, *(Wish(f"f{i}", "a2", "a1") for i in range(1, 4))))
    taken = Schedule(tuple(Placement(w, f"s{i}", "T1") for i, w in enumerate(("w1", "f1", "f2", "f3"))))
    found = blocked(Occupancy(inst, taken), WISH)
    assert found is not None and found.kind == "busy" and "a1" in found.who


def test_blocked_when_no_table_is_free_at_any_common_time() -> None:
    inst = replace(_inst(), attendees=(*_inst().attendees, Attendee("x", "X")),
                   wishes=(*_inst().wishes, *(Wish(f"t{i}", "x", "a2") for i in range(4))))
    # One table (T2 dropped), taken at every slot by x and a2, who are not in the wish.
    inst = replace(inst, locations=tuple(loc for loc in inst.locations if loc.id != "T2"))
    full = Schedule(tuple(Placement(f"t{i}", f"s{i}", "T1") for i in range(4)))
    found = blocked(Occupancy(inst, full), Wish("wy", "a3", "a1"))
    assert found is not None and found.kind == "tables"


def test_occupancy_add_takes_the_people_and_the_table() -> None:
    inst = _inst()
    occupancy = Occupancy(inst, Schedule(()))
    occupancy.add(WISH, "s0", "T1")
    assert {o.kind for o in occupancy.obstacles(Wish("wy", "a2", "a1"), "s0", "T1")} == {"table", "busy"}
