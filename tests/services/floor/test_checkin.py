"""Check-in on the floor: during a meeting's slot only, by its parties only; a no-show frees the slot."""

from __future__ import annotations

import json

import pytest

from forum.domain import Meeting, MeetingStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services.floor.checkin import tap
from forum.store import EventStore
from forum.store.attendance import AttendanceStore
from forum.store.offers import OfferStore
from forum.store.streams import attendee_stream, organizer_stream
from tests.services.floor.market import EVENT, at, load


def _told(store: EventStore, stream: str) -> list[dict[str, object]]:
    return [json.loads(fields["d"]) for _, fields in store.client.xrange(stream)]


def test_check_in_here_during_the_slot_records_it_and_tells_both_sides(store: EventStore) -> None:
    load(store)
    after = tap(store.client, EVENT, "b1", "w-meet", "here", now=at(14, 22))  # 8 minutes before 14:30
    assert after.here == ("b1",) and after.state == "checked in"
    assert AttendanceStore(store.client, EVENT).get("w-meet").here == ("b1",)
    for stream in (attendee_stream(EVENT, "b1"), attendee_stream(EVENT, "p1"), organizer_stream(EVENT)):
        assert _told(store, stream)[-1]["type"] == "floor.attendance"
    both = tap(store.client, EVENT, "p1", "w-meet", "here", now=at(14, 31))
    assert both.here == ("b1", "p1")
    assert store.entities(EVENT, Meeting).get("w-meet").status is MeetingStatus.ACCEPTED


@pytest.mark.parametrize("when", [at(14, 19), at(15, 0), at(16, 0)])
def test_check_in_outside_the_slot_is_refused_with_a_sentence(store: EventStore, when: object) -> None:
    load(store)
    with pytest.raises(Conflict, match="Check-in is open from 10 minutes before the meeting until its end"):
        tap(store.client, EVENT, "b1", "w-meet", "here", now=when)  # type: ignore[arg-type]
    assert AttendanceStore(store.client, EVENT).get_many(["w-meet"]) == {}


@pytest.mark.parametrize("who", ["p2", "o1", "b2"])
def test_check_in_by_someone_not_in_the_meeting_is_refused(store: EventStore, who: str) -> None:
    load(store)
    with pytest.raises(NotFound, match="There is no such meeting"):
        tap(store.client, EVENT, who, "w-meet", "no-show", now=at(14, 35))
    assert store.entities(EVENT, Meeting).get("w-meet").status is MeetingStatus.ACCEPTED


def test_check_in_with_an_unknown_state_is_refused(store: EventStore) -> None:
    load(store)
    with pytest.raises(InvalidInput):
        tap(store.client, EVENT, "b1", "w-meet", "late", now=at(14, 35))


def test_no_show_cancels_the_meeting_and_offers_the_slot_to_who_asked_for_the_person_there(
        store: EventStore) -> None:
    load(store)
    after = tap(store.client, EVENT, "b1", "w-meet", "no-show", now=at(14, 35))
    assert after.absent == ("p1",) and after.reported_by == "b1" and after.state == "no-show"
    assert store.entities(EVENT, Meeting).get("w-meet").status is MeetingStatus.CANCELLED
    offers = OfferStore(store.client, EVENT).of("p2")
    assert len(offers) == 1
    offer = offers[0]
    assert (offer.person, offer.slot, offer.table) == ("b1", "s2", "T12")
    recipients = {r for r, _ in offer.wishes}
    assert {"p2", "p3"} <= recipients
    assert "p4" not in recipients  # meets Ben at 14:30
    assert "p1" not in recipients  # the one who did not come
    assert offer.visible_from == "2030-03-19T14:35:00" and offer.expires == "2030-03-19T14:45:00"
    assert _told(store, attendee_stream(EVENT, "p2"))[-1] == {"type": "floor.offer", "offer": offer.id}


def test_no_show_is_refused_once_the_other_side_checked_in(store: EventStore) -> None:
    load(store)
    tap(store.client, EVENT, "p1", "w-meet", "here", now=at(14, 29))
    with pytest.raises(Conflict, match="The other side has checked in"):
        tap(store.client, EVENT, "b1", "w-meet", "no-show", now=at(14, 33))
    assert store.entities(EVENT, Meeting).get("w-meet").status is MeetingStatus.ACCEPTED
    assert OfferStore(store.client, EVENT).of("p2") == []


def test_check_in_after_a_no_show_is_refused(store: EventStore) -> None:
    load(store)
    tap(store.client, EVENT, "b1", "w-meet", "no-show", now=at(14, 35))
    with pytest.raises(Conflict, match="already reported as a no-show"):
        tap(store.client, EVENT, "p1", "w-meet", "here", now=at(14, 40))
