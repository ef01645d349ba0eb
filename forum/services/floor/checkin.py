"""Checking in to a meeting on the floor: "we're here", or "no-show" when the other side did not come."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from forum.checker.rules import is_live
from forum.domain import Meeting, MeetingStatus, Slot, Wish
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services import notify
from forum.services.events import local_now
from forum.services.floor import standby
from forum.services.floor.clock import OPENS_BEFORE, check_in_open
from forum.store import EventStore
from forum.store.attendance import Attendance, AttendanceStore
from forum.store.connection import Client
from forum.store.requests import RequestStore

HERE, NO_SHOW = "here", "no-show"
MAX_ID = 200


def other_side(wish: Wish, attendee: str) -> tuple[str, ...]:
    """The people across the table: the person asked, or the requester and their colleagues."""
    return (wish.target,) if attendee != wish.target else (wish.requester, *wish.colleagues)


def participant_wish(client: Client, event: str, attendee: str, meeting_id: str) -> Wish:
    """The wish of a meeting the attendee takes part in; anyone else is told it does not exist."""
    wish = RequestStore(client, event).find(meeting_id) if 0 < len(meeting_id) <= MAX_ID else None
    if wish is None or attendee not in wish.participants:
        raise NotFound("There is no such meeting.")
    return wish


def tap(client: Client, event: str, attendee: str, meeting_id: str, state: str,
        now: datetime | None = None) -> Attendance:
    """Record the attendee's tap on a live meeting during its check-in window; a no-show cancels the meeting
    (it holds no slot, table or person any more) and offers the slot to those who wished to meet whoever
    came."""
    if state not in (HERE, NO_SHOW):
        raise InvalidInput("Tap “we're here” or “no-show”.")
    wish = participant_wish(client, event, attendee, meeting_id)
    now = now or local_now(client, event)
    slots = EventStore(client).entities(event, Slot)

    def change(found: Attendance, meeting: Meeting) -> tuple[Attendance, Meeting]:
        if found.absent:
            raise Conflict("This meeting was already reported as a no-show.")
        if not is_live(meeting):
            raise Conflict(f"This meeting is {meeting.status.value}.")
        slot = slots.find(meeting.slot)
        if slot is None or not check_in_open(slot, now):
            minutes = int(OPENS_BEFORE.total_seconds() // 60)
            raise Conflict(f"Check-in is open from {minutes} minutes before the meeting until its end.")
        here = tuple(sorted({*found.here, attendee}))
        if state == HERE:
            return replace(found, here=here, at=now.isoformat()), meeting
        absent = other_side(wish, attendee)
        if any(p in found.here for p in absent):
            raise Conflict("The other side has checked in: they should be at the table.")
        marked = replace(found, here=here, absent=absent, reported_by=attendee, at=now.isoformat())
        return marked, replace(meeting, status=MeetingStatus.CANCELLED)

    after, meeting = AttendanceStore(client, event).change(meeting_id, change)
    message = {"type": "floor.attendance", "meeting": meeting_id, "state": after.state}
    notify.tell(client, event, wish.participants, message)
    notify.to_organizers(client, event, {**message, "by": attendee})
    if after.absent:
        standby.slot_freed(client, event, meeting_id, 0.0, now=now)
    return after
