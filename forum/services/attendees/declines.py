"""Declines a buyer can take back: the undo window of a meeting decline, and declining many requests at once.

A meeting decline is written at once (agendas update) but its slot is not given away during UNDO_SECONDS:
the repair run that offers it to someone else is held back until the window closes (see agenda.decline).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from forum.checker.rules import awaits_answer
from forum.domain import Meeting, Wish, WishStatus
from forum.errors import Conflict, NotFound
from forum.services import notify
from forum.services.attendees.requests import RequestView, views
from forum.store.connection import Client
from forum.store.declines import MAX_BATCH, Declined, DeclineStore, check_id
from forum.store.requests import RequestStore

UNDO_SECONDS = 10.0  # the one undo window: the page, the store record and the held-back repair all use it
TOO_LATE = (f"Too late to undo: a decline is final after {int(UNDO_SECONDS)} seconds, and its time may already "
            "be offered to someone else.")
CHANGED = "One of these requests was answered or changed meanwhile; nothing was declined. Look at the list again."


def open_windows(client: Client, event: str, attendee: str, now: float | None = None) -> dict[str, float]:
    """The attendee's meeting declines that can still be undone, with the seconds left for each."""
    now = time.time() if now is None else now
    return {m: until - now for m, until in DeclineStore(client, event).open_windows(attendee, now).items()}


def undo(client: Client, event: str, attendee: str, meeting_id: str, now: float | None = None) -> Declined:
    """Put a meeting the attendee declined back exactly as it was (meeting and request), within the window."""
    wish = RequestStore(client, event).find(check_id(meeting_id))
    if wish is None or attendee not in wish.participants:
        raise NotFound("There is no such meeting.")
    at = time.time() if now is None else now
    record = DeclineStore(client, event).undo(attendee, meeting_id, at, TOO_LATE)
    message = {"type": f"meeting.{record.meeting_before.status.value}", "meeting": meeting_id}
    notify.tell(client, event, wish.participants, message)
    notify.to_organizers(client, event, {**message, "by": attendee, "undo": True})
    return record


def _to_decline(target: str) -> Callable[[Wish, Meeting | None], Wish]:
    def change(wish: Wish, meeting: Meeting | None) -> Wish:
        if wish.target != target:
            raise NotFound("There is no such request.")  # someone else's: say nothing more
        if not awaits_answer(wish, meeting):
            raise Conflict(CHANGED)
        return replace(wish, status=WishStatus.DECLINED)
    return change


def preview(client: Client, event: str, target: str, wish_ids: list[str]) -> list[RequestView]:
    """The requests a batch decline would decline, checked as the decline checks them (for the confirmation)."""
    ids = sorted({check_id(i, "request") for i in wish_ids})
    if not ids or len(ids) > MAX_BATCH:
        raise Conflict(f"Choose between 1 and {MAX_BATCH} requests to decline.")
    wishes = RequestStore(client, event).wishes.get_many(ids)
    meetings = {m.id: m for m in DeclineStore(client, event).meetings.get_many(ids)}
    change = _to_decline(target)
    if len(wishes) != len(ids):
        raise NotFound("Some of these requests do not exist; look at the list again.")
    for w in wishes:
        change(w, meetings.get(w.id))
    return sorted(views(client, event, wishes), key=lambda r: (r.requester.name.casefold(), r.wish.id))


def decline_many(client: Client, event: str, target: str, wish_ids: list[str]) -> list[Wish]:
    """Decline several pending requests in one write: all of them, or none when one changed meanwhile."""
    declined = DeclineStore(client, event).decline_many(wish_ids, _to_decline(target))
    for wish in declined:
        notify.tell(client, event, [wish.requester, *wish.colleagues, wish.target],
                    {"type": "request.declined", "wish": wish.id})
    return declined
