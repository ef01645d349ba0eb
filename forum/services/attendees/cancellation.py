"""A request that ends (withdrawn, declined) takes its scheduled meeting with it, and the slot is offered again."""

from __future__ import annotations

from dataclasses import replace

from forum.checker.rules import is_live
from forum.domain import Meeting, MeetingStatus, Wish
from forum.errors import NotFound
from forum.services import notify
from forum.services.floor import standby
from forum.services.runs import repair
from forum.store.agenda import AgendaStore
from forum.store.connection import Client


def cancel_meeting_of(client: Client, event: str, wish: Wish) -> None:
    """A withdrawn or declined request takes its scheduled meeting with it."""
    def change(meeting: Meeting) -> Meeting:
        return replace(meeting, status=MeetingStatus.CANCELLED) if is_live(meeting) else meeting

    try:
        before, after = AgendaStore(client, event).change(wish.id, change)
    except NotFound:
        return
    if before.status is not after.status:
        message = {"type": "meeting.cancelled", "meeting": wish.id}
        notify.tell(client, event, wish.participants, message)
        notify.to_organizers(client, event, message)
        repair.request_repair(client, event)
        standby.slot_freed(client, event, wish.id)  # on the meeting's own day only


def retire_declined_meeting(client: Client, event: str, wish: Wish) -> None:
    """A request reopened after its meeting was declined: the declined meeting goes, so the request awaits an
    answer again (`rules.awaits_answer`) and runs may schedule it again (they leave out a request whose
    meeting was declined or cancelled); a repair looks for a time for it now."""
    if AgendaStore(client, event).forget_declined(wish.id):
        repair.request_repair(client, event)
