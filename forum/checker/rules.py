"""The festival's rules, each defined once: live meeting, open request, a request awaiting its answer, the live
schedule, unserved requesters.

Who is busy when (meetings, pitches presented, whole panel sessions) is `engagements.attendee_engagements`;
an idle gap is `figures.idle_gaps`. Validator, figures, charts, publish, agenda and left-out all use these.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from forum.domain import Meeting, MeetingStatus, PitchPlacement, Placement, Schedule, Wish, WishStatus

# A meeting people are expected to attend: proposed (not yet answered) or accepted. Declined and cancelled
# meetings stay in the store for the record and for calendars, but hold no slot, table or person.
LIVE_STATUSES = frozenset({MeetingStatus.PROPOSED, MeetingStatus.ACCEPTED})
# A request still asking for a meeting: not answered yet, or accepted by its target.
OPEN_STATUSES = frozenset({WishStatus.PENDING, WishStatus.ACCEPTED})


def is_live(meeting: Meeting) -> bool:
    return meeting.status in LIVE_STATUSES


class Answered(Protocol):
    """Anything that carries a request's status: a wish, or the store's light reading of one."""

    @property
    def status(self) -> WishStatus: ...


def is_open(wish: Answered) -> bool:
    return wish.status in OPEN_STATUSES


def awaits_answer(wish: Answered, meeting: Meeting | None) -> bool:
    """A request its target still answers as a request: pending, with no proposed or accepted meeting (that
    one is answered as the meeting) and no declined one (declining a meeting is the answer, so its request
    never comes back to be answered). A cancelled meeting (the request was reopened since) answers nothing."""
    return wish.status is WishStatus.PENDING and (meeting is None or meeting.status is MeetingStatus.CANCELLED)


def placement(meeting: Meeting) -> Placement:
    return Placement(meeting.wish, meeting.slot, meeting.location)


def live_schedule(meetings: Iterable[Meeting], pitches: Iterable[PitchPlacement] = ()) -> Schedule:
    """The schedule the checker judges: live meetings only, and every placed pitch."""
    return Schedule(tuple(placement(m) for m in meetings if is_live(m)), tuple(pitches))


def fixed_schedule(meetings: Iterable[Meeting], pitches: Iterable[PitchPlacement] = ()) -> Schedule:
    """What no run moves: accepted and locked live meetings, and every placed pitch."""
    kept = (m for m in meetings if is_live(m) and (m.status is MeetingStatus.ACCEPTED or m.locked))
    return Schedule(tuple(placement(m) for m in kept), tuple(pitches))


def unserved(wishes: Iterable[Wish], schedule: Schedule) -> list[str]:
    """Requesters with an open request and no meeting at all, sorted."""
    open_wishes = [w for w in wishes if is_open(w)]
    met = {p.wish for p in schedule.meetings}
    served = {w.requester for w in open_wishes if w.id in met}
    return sorted({w.requester for w in open_wishes} - served)
