"""The festival's rules, defined once: live meetings, open requests, unserved requesters, idle gaps."""

from __future__ import annotations

import pytest

from forum.checker.figures import idle_gaps
from forum.checker.rules import awaits_answer, is_live, is_open, live_schedule, unserved
from forum.domain import Meeting, MeetingStatus, PitchPlacement, Placement, Schedule, Wish, WishStatus


@pytest.mark.parametrize("status, live", [(MeetingStatus.PROPOSED, True), (MeetingStatus.ACCEPTED, True),
                                          (MeetingStatus.DECLINED, False), (MeetingStatus.CANCELLED, False)])
def test_is_live_only_proposed_and_accepted(status: MeetingStatus, live: bool) -> None:
    assert is_live(Meeting("w1", "w1", "s1", "T1", status)) is live


@pytest.mark.parametrize("status, open_", [(WishStatus.PENDING, True), (WishStatus.ACCEPTED, True),
                                           (WishStatus.DECLINED, False), (WishStatus.WITHDRAWN, False)])
def test_is_open_only_pending_and_accepted(status: WishStatus, open_: bool) -> None:
    assert is_open(Wish("w1", "p1", "b1", status=status)) is open_


def test_live_schedule_drops_declined_and_cancelled_keeps_pitches() -> None:
    meetings = [Meeting("w1", "w1", "s1", "T1"), Meeting("w2", "w2", "s2", "T1", MeetingStatus.DECLINED),
                Meeting("w3", "w3", "s3", "T1", MeetingStatus.CANCELLED)]
    found = live_schedule(meetings, [PitchPlacement("pr1", "p1")])
    assert found.meetings == (Placement("w1", "s1", "T1"),)
    assert found.pitches == (PitchPlacement("pr1", "p1"),)


def test_unserved_requester_with_open_wishes_and_no_meeting() -> None:
    wishes = [Wish("w1", "p1", "b1"), Wish("w2", "p2", "b1"), Wish("w3", "p3", "b1", status=WishStatus.WITHDRAWN)]
    assert unserved(wishes, Schedule((Placement("w1", "s1", "T1"),))) == ["p2"]


def test_unserved_none_when_every_open_requester_meets_someone() -> None:
    wishes = [Wish("w1", "p1", "b1"), Wish("w2", "p1", "b2")]
    assert unserved(wishes, Schedule((Placement("w2", "s1", "T1"),))) == []


@pytest.mark.parametrize("day, gaps", [
    ("X.X", 1), ("X..X.X", 2), ("XX", 0), (".XX.", 0), ("....", 0), ("X...", 0), ("", 0), ("X.X.X.X", 3),
])
def test_idle_gaps_counts_idle_runs_between_engagements(day: str, gaps: int) -> None:
    assert idle_gaps(c == "X" for c in day) == gaps


@pytest.mark.parametrize("meeting", [None, MeetingStatus.CANCELLED])
def test_awaits_answer_pending_without_a_meeting_that_answers_it(meeting: MeetingStatus | None) -> None:
    placed = None if meeting is None else Meeting("w", "w", "s", "T", meeting)
    assert awaits_answer(Wish("w", "p", "b"), placed)


@pytest.mark.parametrize("meeting", [MeetingStatus.PROPOSED, MeetingStatus.ACCEPTED, MeetingStatus.DECLINED])
def test_awaits_answer_refused_when_its_meeting_answers_it(meeting: MeetingStatus) -> None:
    """A proposed or accepted meeting is answered as the meeting; a declined one was the answer."""
    assert not awaits_answer(Wish("w", "p", "b"), Meeting("w", "w", "s", "T", meeting))


@pytest.mark.parametrize("status", [s for s in WishStatus if s is not WishStatus.PENDING])
def test_awaits_answer_refused_once_answered_or_withdrawn(status: WishStatus) -> None:
    assert not awaits_answer(Wish("w", "p", "b", status=status), None)
