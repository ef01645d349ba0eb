"""Standby offers: who sees them and when, and taking one (the first taker only, and only while it holds)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from forum.domain import Meeting, MeetingStatus, Wish, WishStatus
from forum.errors import Conflict, NotFound
from forum.services.floor.checkin import tap
from forum.services.floor.offers import offers_for, pass_on, take
from forum.services.floor.standby import announce_due, slot_freed
from forum.store import EventStore
from forum.store.offers import DUE, Offer, OfferStore
from forum.store.requests import built_key
from forum.store.schedule import ScheduleStore
from forum.store.streams import attendee_stream
from tests.services.floor.market import DAY, EVENT, at, load


def _no_show(store: EventStore) -> Offer:
    tap(store.client, EVENT, "b1", "w-meet", "no-show", now=at(14, 35))
    return OfferStore(store.client, EVENT).of("p2")[0]


def _add_wish(store: EventStore, wish: Wish) -> None:
    store.entities(EVENT, Wish).put(wish)
    store.client.delete(built_key(EVENT))  # the by-person index is rebuilt on the next read


def _live(store: EventStore) -> list[Meeting]:
    return [m for m in ScheduleStore(store.client).meetings(EVENT) if m.status in (MeetingStatus.PROPOSED,
                                                                                    MeetingStatus.ACCEPTED)]


def test_offer_is_shown_to_who_asked_for_the_person_free_then(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    shown = offers_for(store.client, EVENT, "p2", now=at(14, 36))
    assert [(v.offer.id, v.person.name, v.person.organization, v.slot.id, v.table.name) for v in shown] == [
        (offer.id, "Anna Berg", "Nordic Films", "s2", "Table 12")]
    assert offers_for(store.client, EVENT, "p4", now=at(14, 36)) == []  # busy with Ben then
    assert offers_for(store.client, EVENT, "p2", now=at(14, 45)) == []  # expired halfway through the slot


def test_take_gives_the_first_taker_an_accepted_meeting_and_refuses_the_next(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    meeting = take(store.client, EVENT, "p2", offer.id, now=at(14, 36))
    assert (meeting.id, meeting.slot, meeting.location, meeting.status) == ("w-p2", "s2", "T12",
                                                                            MeetingStatus.ACCEPTED)
    assert store.entities(EVENT, Meeting).get("w-p2") == meeting
    with pytest.raises(Conflict, match="Someone else took this slot"):
        take(store.client, EVENT, "p3", offer.id, now=at(14, 37))
    assert store.entities(EVENT, Meeting).find("w-p3") is None
    assert offers_for(store.client, EVENT, "p3", now=at(14, 37)) == []
    told = [json.loads(f["d"]) for _, f in store.client.xrange(attendee_stream(EVENT, "b1"))]
    assert told[-1] == {"type": "floor.taken", "offer": offer.id, "meeting": "w-p2"}


def test_take_by_someone_the_offer_was_not_made_to_is_refused(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    for who in ("p1", "p4", "b2", "o1"):
        with pytest.raises(NotFound, match="There is no such offer"):
            take(store.client, EVENT, who, offer.id, now=at(14, 36))
    with pytest.raises(NotFound):
        take(store.client, EVENT, "p2", "../../etc", now=at(14, 36))
    assert _live(store) == [store.entities(EVENT, Meeting).get("w-p4b2")]


def test_take_after_the_offer_expired_is_refused(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    with pytest.raises(Conflict, match="This offer has expired"):
        take(store.client, EVENT, "p2", offer.id, now=at(14, 45))
    assert store.entities(EVENT, Meeting).find("w-p2") is None


def test_take_when_the_taker_is_no_longer_free_is_refused(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    _add_wish(store, Wish("w-p2b2", "p2", "b2", 1))
    store.entities(EVENT, Meeting).put(Meeting("w-p2b2", "w-p2b2", "s2", "T2", MeetingStatus.PROPOSED))
    with pytest.raises(Conflict, match="no longer free then"):
        take(store.client, EVENT, "p2", offer.id, now=at(14, 36))
    assert store.entities(EVENT, Meeting).find("w-p2") is None
    assert OfferStore(store.client, EVENT).find(offer.id).taken_by == ""  # type: ignore[union-attr]


def test_take_on_another_free_table_when_the_freed_one_is_taken(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    _add_wish(store, Wish("w-b2p3", "p3", "b2", 1))
    meetings = store.entities(EVENT, Meeting)
    meetings.put(Meeting("w-p4b2", "w-p4b2", "s2", "T1", MeetingStatus.CANCELLED),  # T1 free again
                 Meeting("w-b2p3", "w-b2p3", "s2", "T12", MeetingStatus.PROPOSED))  # placed at T12 meanwhile
    meeting = take(store.client, EVENT, "p2", offer.id, now=at(14, 36))
    assert (meeting.slot, meeting.location) == ("s2", "T1")
    assert len({(m.slot, m.location) for m in _live(store)}) == len(_live(store)) == 2


def test_the_person_asked_taking_an_offer_accepts_the_request(store: EventStore) -> None:
    """A producer freed by a buyer's no-show is offered to the buyers she asked for; the buyer who takes it
    answers her request too."""
    load(store)
    _add_wish(store, Wish("w-p1b2", "p1", "b2", 3))
    store.entities(EVENT, Meeting).put(Meeting("w-p4b2", "w-p4b2", "s2", "T1", MeetingStatus.CANCELLED))
    tap(store.client, EVENT, "p1", "w-meet", "no-show", now=at(14, 31))
    offer = OfferStore(store.client, EVENT).of("b2")[0]
    assert offer.person == "p1" and offer.wish_of("b2") == "w-p1b2"
    take(store.client, EVENT, "b2", offer.id, now=at(14, 32))
    assert store.entities(EVENT, Wish).get("w-p1b2").status is WishStatus.ACCEPTED


def test_pass_hides_the_offer_from_that_person_only(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    pass_on(store.client, EVENT, "p2", offer.id)
    assert offers_for(store.client, EVENT, "p2", now=at(14, 36)) == []
    assert [v.offer.id for v in offers_for(store.client, EVENT, "p3", now=at(14, 36))] == [offer.id]
    with pytest.raises(NotFound):
        pass_on(store.client, EVENT, "p4", offer.id)


def test_offers_wait_for_the_undo_window_and_vanish_if_the_decline_is_undone(store: EventStore) -> None:
    load(store)
    _add_wish(store, Wish("w-p1b2", "p1", "b2", 3))
    meetings = store.entities(EVENT, Meeting)
    meetings.put(replace(meetings.get("w-p4b2"), status=MeetingStatus.CANCELLED))
    meetings.put(replace(meetings.get("w-meet"), status=MeetingStatus.DECLINED))
    now = at(14, 0)
    opens = now.replace(tzinfo=None) + timedelta(seconds=10)
    epoch = _epoch(store, opens)
    made = slot_freed(store.client, EVENT, "w-meet", epoch, now=now)
    assert {o.person for o in made} == {"b1", "p1"}  # both sides of a decline are free then
    assert offers_for(store.client, EVENT, "p2", now=now + timedelta(seconds=9)) == []
    assert len(offers_for(store.client, EVENT, "p2", now=opens)) == 1
    assert store.client.xlen(attendee_stream(EVENT, "p2")) == 0  # told only when it opens
    assert announce_due(store.client, epoch - 1) == 0
    assert announce_due(store.client, epoch) == 2 and store.client.zcard(DUE) == 0
    assert store.client.xlen(attendee_stream(EVENT, "p2")) == 1
    meetings.put(replace(meetings.get("w-meet"), status=MeetingStatus.ACCEPTED))  # undone
    assert offers_for(store.client, EVENT, "p2", now=opens) == []
    with pytest.raises(Conflict):
        take(store.client, EVENT, "p2", next(o.id for o in made if o.person == "b1"), now=opens)


def test_no_offer_for_a_slot_freed_on_another_day_or_already_past(store: EventStore) -> None:
    load(store)
    meetings = store.entities(EVENT, Meeting)
    meetings.put(replace(meetings.get("w-meet"), status=MeetingStatus.CANCELLED))
    assert slot_freed(store.client, EVENT, "w-meet", 0.0, now=DAY - timedelta(hours=2)) == []
    assert slot_freed(store.client, EVENT, "w-meet", 0.0, now=at(14, 45)) == []
    assert OfferStore(store.client, EVENT).of("p2") == []
    assert len(slot_freed(store.client, EVENT, "w-meet", 0.0, now=at(9, 0))) == 1  # that morning: offered


def _epoch(store: EventStore, local: object) -> float:
    from zoneinfo import ZoneInfo

    from forum.services.events import zone_of
    zone: ZoneInfo = zone_of(store.get(EVENT))
    return local.replace(tzinfo=zone).timestamp()  # type: ignore[attr-defined]
