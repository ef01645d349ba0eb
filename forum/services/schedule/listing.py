"""The published meetings with what it takes to describe them: slots, tables, wishes and attendee names."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain import Attendee, Location, LocationKind, Meeting, Slot, Wish
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore


@dataclass(frozen=True)
class ScheduleListing:
    meetings: list[Meeting]
    slots: dict[str, Slot]  # every slot of the event, by id
    tables: dict[str, Location]  # the tables (not rooms), by id
    wishes: dict[str, Wish]
    names: dict[str, str]  # attendee id → name


def schedule_listing(client: Client, event: str) -> ScheduleListing:
    store = EventStore(client)
    slots = {s.id: s for s in store.entities(event, Slot).all()}
    tables = {loc.id: loc for loc in store.entities(event, Location).all() if loc.kind is LocationKind.TABLE}
    wishes = {w.id: w for w in store.entities(event, Wish).all()}
    names = {a.id: a.name for a in store.entities(event, Attendee).all()}
    return ScheduleListing(ScheduleStore(client).meetings(event), slots, tables, wishes, names)
