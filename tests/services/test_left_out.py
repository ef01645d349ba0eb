"""Who is left out: unserved requesters, unmet wishes with reasons, and the nearest fix in plain words."""

from __future__ import annotations

from dataclasses import replace

from forum.domain import Attendee, Meeting, Wish
from forum.services.schedule.left_out import left_out
from tests.factories import tiny_instance, window


def _published(inst):  # type: ignore[no-untyped-def]
    return [Meeting(p.wish, p.wish, p.slot, p.location) for p in inst.previous]


def test_left_out_lists_unserved_requester_with_reason_and_fix() -> None:
    inst = tiny_instance()
    extra = Attendee("b2", "Bea Buyer", "Netflix", "buyer", available=(window(10, 11),))
    lonely = Attendee("p9", "Lone Producer", "Indie", "producer")
    inst = replace(inst, attendees=(*inst.attendees, extra, lonely), wishes=(*inst.wishes, Wish("w9", "p9", "b2")))
    found = left_out(inst, _published(inst), [], {"w9": "b2 is fully booked"})
    assert found.unserved == ["p9"]
    row = found.unmet[0]
    assert (row.wish.id, row.reason) == ("w9", "b2 is fully booked")
    assert row.fix.startswith("a free table at 10:00 on 24 March suits everyone")


def test_left_out_fix_names_the_one_participant_to_extend() -> None:
    inst = tiny_instance()
    late = Attendee("b3", "Late Buyer", "BBC", "buyer", available=(window(16, 18),))
    inst = replace(inst, attendees=(*inst.attendees, late), wishes=(*inst.wishes, Wish("w8", "a2", "b3")))
    row = left_out(inst, _published(inst), [], {}).unmet[0]
    assert row.reason == "not placed by the published run"
    assert row.fix.endswith("if b3 extends availability")
    assert "9:30 on 24 March" in row.fix  # s0 has a2 busy; s1 is the nearest slot free for a2


def test_left_out_without_free_table_says_so() -> None:
    inst = tiny_instance()
    inst = replace(inst, locations=tuple(loc for loc in inst.locations if loc.id != "T2"),
                   wishes=(*inst.wishes, Wish("w7", "a2", "a1")))
    meetings = [Meeting(f"x{i}", "w1" if i == 0 else "w2", f"s{i}", "T1") for i in range(4)]
    row = next(r for r in left_out(inst, meetings, [], {}).unmet if r.wish.id == "w7")
    assert row.fix.startswith("no free table")
