"""A buyer's meeting decline: written at once, undoable for UNDO_SECONDS, its repair held back until then, and
its request never back among the requests to answer."""

from __future__ import annotations

import time

import pytest

from forum.domain import Importance, Meeting, MeetingStatus, Wish, WishStatus
from forum.errors import Conflict, NotFound
from forum.services.attendees import declines
from forum.services.attendees.agenda import agenda, answer_meeting
from forum.services.attendees.requests import NewRequest, create_request, reopen
from forum.services.attendees.triage import awaiting
from forum.services.runs.instance_builder import build_run_instance
from forum.store import EventStore
from forum.store.flags import Flags
from tests.web.attendee.market import EVENT, load, place


@pytest.fixture
def proposed(store: EventStore) -> str:
    """p1 (with colleague p2) asked b1; the meeting is proposed on day one at 09:00, table 1."""
    load(store)
    wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, colleagues=("p2",)))
    place(store, wish.id, "d0-540", "T1")
    return wish.id


def _scheduled_by_runs(store: EventStore) -> set[str]:
    return {w.id for w in build_run_instance(store.client, EVENT).instance.wishes}


def _states(store: EventStore, ident: str) -> tuple[Meeting, Wish]:
    return store.entities(EVENT, Meeting).get(ident), store.entities(EVENT, Wish).get(ident)


def test_decline_by_buyer_declines_meeting_and_request_at_once(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline", "d0-540")
    meeting, wish = _states(store, proposed)
    assert meeting.status is MeetingStatus.DECLINED and wish.status is WishStatus.DECLINED
    assert agenda(store.client, EVENT, "b1").to_answer == []


def test_declined_meeting_never_returns_as_a_request(store: EventStore, proposed: str) -> None:
    assert proposed not in {r.wish.id for r in awaiting(store.client, EVENT, "b1")}  # answered as the meeting
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    assert proposed not in {r.wish.id for r in agenda(store.client, EVENT, "b1").incoming}
    assert [r.wish.id for r in awaiting(store.client, EVENT, "b1")] == ["w-other"]


def test_declined_by_the_requester_side_is_not_a_request_to_answer_either(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "p2", proposed, "decline")  # a colleague cannot make it
    assert _states(store, proposed)[1].status is WishStatus.PENDING  # not the buyer's answer
    assert proposed not in {r.wish.id for r in awaiting(store.client, EVENT, "b1")}


def test_reopened_after_a_meeting_decline_awaits_an_answer_again(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    assert proposed not in _scheduled_by_runs(store)  # declined: runs leave it out
    reopen(store.client, EVENT, "b1", proposed)
    assert proposed in {r.wish.id for r in awaiting(store.client, EVENT, "b1")}
    assert store.entities(EVENT, Meeting).find(proposed) is None  # the declined meeting is gone...
    assert proposed in _scheduled_by_runs(store)  # ...so the next run (or repair) may give it a time
    assert Flags(store.client).is_pending(EVENT, "repair")


def test_reopen_keeps_a_meeting_a_publish_put_there_meanwhile(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    place(store, proposed, "d0-570", "T1")  # a publish gave the request a new meeting before the reopen
    reopen(store.client, EVENT, "b1", proposed)
    assert _states(store, proposed)[0].status is MeetingStatus.PROPOSED  # only a declined meeting goes


def test_decline_holds_the_repair_back_for_the_undo_window(store: EventStore, proposed: str) -> None:
    before = time.time()
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    flags = Flags(store.client)
    assert flags.is_pending(EVENT, "repair")
    assert not flags.is_due(EVENT, "repair", now=before + declines.UNDO_SECONDS - 1)
    assert flags.is_due(EVENT, "repair", now=time.time() + declines.UNDO_SECONDS + 0.01)


def test_undo_within_the_window_restores_exactly(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "accept")  # an accepted meeting, then declined
    was = _states(store, proposed)
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    assert proposed in declines.open_windows(store.client, EVENT, "b1")
    declines.undo(store.client, EVENT, "b1", proposed)
    assert _states(store, proposed) == was
    assert declines.open_windows(store.client, EVENT, "b1") == {}


def test_undo_after_the_window_is_too_late(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    later = time.time() + declines.UNDO_SECONDS + 0.01
    with pytest.raises(Conflict, match="Too late to undo"):
        declines.undo(store.client, EVENT, "b1", proposed, now=later)
    assert _states(store, proposed)[0].status is MeetingStatus.DECLINED
    assert proposed not in declines.open_windows(store.client, EVENT, "b1", now=later)


def test_undo_after_the_meeting_changed_since_is_too_late(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    place(store, proposed, "d1-600", "T2", MeetingStatus.DECLINED)  # a publish rewrote it meanwhile
    with pytest.raises(Conflict, match="Too late to undo"):
        declines.undo(store.client, EVENT, "b1", proposed)
    assert _states(store, proposed)[0].slot == "d1-600"


def test_undo_twice_is_too_late_the_second_time(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    declines.undo(store.client, EVENT, "b1", proposed)
    with pytest.raises(Conflict):
        declines.undo(store.client, EVENT, "b1", proposed)


@pytest.mark.parametrize("who", ["b2", "o1", "ghost"])
def test_undo_by_someone_not_in_the_meeting_not_found(store: EventStore, proposed: str, who: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    with pytest.raises(NotFound):
        declines.undo(store.client, EVENT, who, proposed)
    assert _states(store, proposed)[0].status is MeetingStatus.DECLINED


def test_undo_of_another_participants_decline_is_too_late_for_them(store: EventStore, proposed: str) -> None:
    answer_meeting(store.client, EVENT, "b1", proposed, "decline")
    with pytest.raises(Conflict):
        declines.undo(store.client, EVENT, "p1", proposed)  # in the meeting, but it was not p1's decline
    assert _states(store, proposed)[0].status is MeetingStatus.DECLINED
