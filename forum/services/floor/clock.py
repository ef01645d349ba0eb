"""The floor's time rules: when check-in is open and until when a freed slot can be taken.

Every floor function takes `now` from its caller (tests pass exact times) and reads the event's clock
(`services.events.local_now`) only when none is given.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from forum.domain import Slot

# Check-in opens this long before a meeting starts and closes when it ends: people arrive a little early.
OPENS_BEFORE = timedelta(minutes=10)


def check_in_open(slot: Slot, now: datetime) -> bool:
    """Whether the check-in of a meeting at `slot` is open at `now`."""
    return slot.start - OPENS_BEFORE <= now < slot.end


def take_until(slot: Slot, opens: datetime) -> datetime:
    """Until when a freed slot can be taken: its start; a slot freed once under way (a no-show) can be taken
    until halfway through, so the new meeting still has time."""
    return slot.start if opens < slot.start else slot.start + (slot.end - slot.start) / 2
