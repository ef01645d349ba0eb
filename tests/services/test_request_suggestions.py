"""What would help a left-out request: every suggested place is one the validator accepts after the change."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.checker import validate
from forum.domain import Attendee, Instance, Placement, Schedule, Window, Wish
from forum.services.attendees.suggestions import AskColleague, Place, Suggestion, Widen, colleague_wish, for_schedule
from tests.checker.generated_events import events
from tests.factories import tiny_instance, window

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def events_with_companies(draw: st.DrawFn) -> tuple[Instance, Schedule]:
    """Generated events whose attendees work for a few companies, so that the person asked has colleagues."""
    inst, schedule = draw(events())
    companies = draw(st.lists(st.sampled_from(["", "North TV", "South TV"]), min_size=len(inst.attendees),
                              max_size=len(inst.attendees)))
    people = tuple(replace(a, organization=c) for a, c in zip(inst.attendees, companies, strict=True))
    return replace(inst, attendees=people), schedule


def _changed(inst: Instance, wish: Wish, found: Suggestion) -> tuple[Instance, Wish]:
    """The instance after the change the suggestion asks for, and the request to place."""
    if isinstance(found, AskColleague):
        asked = colleague_wish(wish, found.colleague.id)
        return replace(inst, wishes=(*inst.wishes, asked)), asked
    assert isinstance(found, Widen)
    day = datetime.combine(found.day, time())
    if found.limit == "days":
        wider = replace(wish, within=(*(wish.within or ()), Window(day, day + timedelta(days=1))))
        return replace(inst, wishes=tuple(wider if w.id == wish.id else w for w in inst.wishes)), wider
    half = day + timedelta(hours=12) if found.afternoon else day
    extra = Window(half, half + timedelta(hours=12))
    people = tuple(replace(a, available=(*(a.available or ()), extra)) if a.id == wish.requester else a
                   for a in inst.attendees)
    return replace(inst, attendees=people), wish


def _placed(schedule: Schedule, wish: Wish, place: Place) -> Schedule:
    return Schedule((*schedule.meetings, Placement(wish.id, place.slot.id, place.table)), schedule.pitches)


@PROPERTY
@given(events_with_companies())
def test_every_suggested_place_is_accepted_by_the_validator(event: tuple[Instance, Schedule]) -> None:
    inst, schedule = event
    met = {p.wish for p in schedule.meetings}
    people = {a.id: a for a in inst.attendees}
    for wish in (w for w in inst.wishes if w.id not in met):
        for found in for_schedule(inst, schedule, wish):
            assert found.places
            if isinstance(found, AskColleague):
                asked = people[wish.target]
                assert found.colleague.organization == asked.organization != "" and found.colleague.id != asked.id
            changed, placed = _changed(inst, wish, found)
            for place in found.places:
                assert validate(changed, _placed(schedule, placed, place)) == [], (found, place)


def _company_market() -> tuple[Instance, Wish]:
    """a1 (HBO) is booked all morning; her colleague h2 takes requests and is free; h3 is a producer."""
    inst = tiny_instance()
    colleagues = (Attendee("h2", "Hana Colleague", "HBO", "buyer"), Attendee("h3", "Hugo Maker", "HBO", "producer"))
    wish = Wish("w9", "a2", "a1", 10)
    full = replace(inst.attendees[0], max_meetings=2)  # w1 and w2 use both of a1's meetings
    return replace(inst, attendees=(full, *inst.attendees[1:], *colleagues), wishes=(*inst.wishes, wish)), wish


def test_colleague_of_the_person_asked_is_suggested_with_free_days() -> None:
    inst, wish = _company_market()
    schedule = Schedule(inst.previous, ())
    found = for_schedule(inst, schedule, wish)
    colleagues = [s for s in found if isinstance(s, AskColleague)]
    assert [(s.colleague.id, s.of.id) for s in colleagues] == [("h2", "a1")]  # not h3: producers take no requests
    assert colleagues[0].days == [window(9, 10).start.date()]


def test_colleague_already_asked_or_without_a_free_place_is_not_suggested() -> None:
    inst, wish = _company_market()
    schedule = Schedule(inst.previous, ())
    assert not [s for s in for_schedule(inst, schedule, wish, asked={"h2"}) if isinstance(s, AskColleague)]
    busy = replace(inst, attendees=tuple(replace(a, available=(window(16, 17),)) if a.id == "h2" else a
                                         for a in inst.attendees))
    assert not [s for s in for_schedule(busy, schedule, wish) if isinstance(s, AskColleague)]


def test_wider_availability_counts_only_places_with_no_other_obstacle() -> None:
    inst = tiny_instance()
    me = replace(inst.attendees[1], available=(window(9, 9.5),))  # a2 only free at 9:00, busy then with w1
    late = Attendee("b4", "Late Buyer", "BBC", "buyer", available=(window(9.5, 11),))
    wish = Wish("w9", "a2", "b4", 3)
    inst = replace(inst, attendees=(inst.attendees[0], me, inst.attendees[2], late), wishes=(*inst.wishes, wish))
    schedule = Schedule((Placement("w1", "s0", "T1"),), ())
    wider = [s for s in for_schedule(inst, schedule, wish) if isinstance(s, Widen)]
    assert [(s.limit, s.afternoon, [p.slot.id for p in s.places]) for s in wider] == [
        ("availability", False, ["s1", "s2", "s3"])]
