"""The event's setup as it stands: its meeting slots, tables, attendees and pitch sessions."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain import Attendee, Event, Location, LocationKind, PitchSession, Slot, SlotKind
from forum.store import EventStore
from forum.store.connection import Client


@dataclass(frozen=True)
class SetupState:
    event: Event
    meeting_slots: list[Slot]  # by start time
    tables: list[Location]
    attendees: list[Attendee]
    sessions: list[PitchSession]  # by id


def setup_state(client: Client, event: str) -> SetupState:
    store = EventStore(client)
    found = store.get(event)
    slots = sorted((s for s in store.entities(event, Slot).all() if s.kind is SlotKind.MEETING),
                   key=lambda s: s.start)
    tables = [loc for loc in store.entities(event, Location).all() if loc.kind is LocationKind.TABLE]
    sessions = sorted(store.entities(event, PitchSession).all(), key=lambda s: s.id)
    return SetupState(found, slots, tables, store.entities(event, Attendee).all(), sessions)
