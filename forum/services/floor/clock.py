"""The floor's one clock: the event's wall-clock time, as its slots are written (local, without offset).

Every floor function takes `now` from its caller (tests pass exact times) and reads this only when none is
given. It mirrors the agenda's `local_now`; the agenda imports the floor, so the floor cannot import it back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from forum.domain import Slot
from forum.services.events import zone_of
from forum.store import EventStore
from forum.store.connection import Client

# Check-in opens this long before a meeting starts and closes when it ends: people arrive a little early.
OPENS_BEFORE = timedelta(minutes=10)


def local_now(client: Client, event: str) -> datetime:
    return datetime.now(zone_of(EventStore(client).get(event))).replace(tzinfo=None)


def local_time(client: Client, event: str, epoch: float) -> datetime:
    """An epoch time (a decline's undo deadline) as the event's wall-clock time."""
    return datetime.fromtimestamp(epoch, zone_of(EventStore(client).get(event))).replace(tzinfo=None)


def check_in_open(slot: Slot, now: datetime) -> bool:
    """Whether the check-in of a meeting at `slot` is open at `now`."""
    return slot.start - OPENS_BEFORE <= now < slot.end


def take_until(slot: Slot, opens: datetime) -> datetime:
    """Until when a freed slot can be taken: its start; a slot freed once under way (a no-show) can be taken
    until halfway through, so the new meeting still has time."""
    return slot.start if opens < slot.start else slot.start + (slot.end - slot.start) / 2
