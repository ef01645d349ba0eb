"""Answering proposed meetings against the published record, and the agenda an attendee sees."""

from __future__ import annotations

from datetime import datetime

import pytest

from forum.domain import Importance, Meeting, MeetingStatus, Wish, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services.attendees.agenda import agenda, answer_meeting
from forum.services.attendees.requests import NewRequest, create_request
from forum.store import EventStore
from tests.web.attendee.market import EVENT, load, place


@pytest.fixture
def booked(store: EventStore) -> str:
    """p1 (with colleague p2) asked b1; the meeting is proposed on day one at 09:00, table 1."""
    load(store)
    wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, colleagues=("p2",)))
    place(store, wish.id, "d0-540", "T1")
    return wish.id


def test_answer_meeting_accept_by_target(store: EventStore, booked: str) -> None:
    assert answer_meeting(store.client, EVENT, "b1", booked, "accept", "d0-540").status is MeetingStatus.ACCEPTED
    assert store.entities(EVENT, Meeting).get(booked).status is MeetingStatus.ACCEPTED
    assert store.entities(EVENT, Wish).get(booked).status is WishStatus.ACCEPTED


def test_answer_meeting_accept_by_requester_refused(store: EventStore, booked: str) -> None:
    with pytest.raises(Conflict):
        answer_meeting(store.client, EVENT, "p1", booked, "accept")
    assert store.entities(EVENT, Meeting).get(booked).status is MeetingStatus.PROPOSED


def test_answer_meeting_decline_by_colleague(store: EventStore, booked: str) -> None:
    assert answer_meeting(store.client, EVENT, "p2", booked, "decline").status is MeetingStatus.DECLINED


@pytest.mark.parametrize("outsider", ["b2", "p3", "o1", "ghost"])
def test_answer_meeting_by_outsider_not_found(store: EventStore, booked: str, outsider: str) -> None:
    with pytest.raises(NotFound):
        answer_meeting(store.client, EVENT, outsider, booked, "decline")
    assert store.entities(EVENT, Meeting).get(booked).status is MeetingStatus.PROPOSED


def test_answer_meeting_moved_since_shown_conflicts(store: EventStore, booked: str) -> None:
    place(store, booked, "d1-600", "T2")  # a publish moved it after the page was shown
    with pytest.raises(Conflict, match="moved"):
        answer_meeting(store.client, EVENT, "b1", booked, "accept", "d0-540")
    assert store.entities(EVENT, Meeting).get(booked).status is MeetingStatus.PROPOSED


def test_answer_meeting_twice_or_bad_decision_refused(store: EventStore, booked: str) -> None:
    with pytest.raises(InvalidInput):
        answer_meeting(store.client, EVENT, "b1", booked, "yes")
    answer_meeting(store.client, EVENT, "b1", booked, "decline")
    with pytest.raises(Conflict):
        answer_meeting(store.client, EVENT, "b1", booked, "accept")


def test_answer_meeting_unpublished_not_found(store: EventStore, booked: str) -> None:
    with pytest.raises(NotFound):
        answer_meeting(store.client, EVENT, "b1", "w-other", "accept")  # b1's request, but no meeting yet


def test_agenda_next_meeting_and_days(store: EventStore, booked: str) -> None:
    place(store, "w-other", "d1-570", "T2")
    mine = agenda(store.client, EVENT, "b1", now=datetime(2030, 3, 19, 12, 0))
    assert [i.meeting.id for i in mine.live] == [booked, "w-other"]
    assert mine.next is not None and mine.next.meeting.id == "w-other"
    assert [d.day for d, _ in mine.days] == [19, 20]
    assert [p.id for p in mine.live[0].others] == ["p1", "p2"]
    assert mine.incoming == [] and len(mine.to_answer) == 2  # placed requests are answered as meetings
    colleague = agenda(store.client, EVENT, "p2", now=datetime(2030, 1, 1))
    assert [i.meeting.id for i in colleague.live] == [booked] and colleague.live[0].mine_to_accept is False


def test_answer_meeting_from_two_phones_at_once_one_wins(store: EventStore, booked: str) -> None:
    import threading

    start, results = threading.Barrier(2), []

    def tap() -> None:
        start.wait()
        try:
            results.append(answer_meeting(store.client, EVENT, "b1", booked, "accept").status)
        except Conflict as exc:
            results.append(exc.message)

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(map(str, results)) == sorted([str(MeetingStatus.ACCEPTED), "This meeting is already accepted."])
