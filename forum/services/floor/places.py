"""Who is free when on the floor, in the checker's one definition of busy, read for a few people at a time."""

from __future__ import annotations

from collections.abc import Iterable

from forum.checker.placing import Occupancy
from forum.checker.rules import live_schedule
from forum.domain import Attendee, Instance, Location, Meeting, PitchSession, Project, Slot, Wish
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.requests import RequestStore


def occupancy(client: Client, event: str, people: Iterable[str], meetings: list[Meeting]) -> Occupancy:
    """The live schedule (proposed and accepted meetings, pitches, panels) as the checker sees it, with every
    wish of `people`: their engagements and caps are exact, and every table's use is (tables are read from
    all meetings)."""
    store, requests = EventStore(client), RequestStore(client, event)
    wanted = sorted(set(people))
    wishes: dict[str, Wish] = {}
    for who in wanted:
        wishes.update((w.id, w) for w in [*requests.sent(who), *requests.received(who)])
    inst = Instance(store.get(event), tuple(store.entities(event, Slot).all()),
                    tuple(store.entities(event, Location).all()),
                    tuple(store.entities(event, Attendee).get_many(wanted)), tuple(wishes.values()),
                    tuple(store.entities(event, PitchSession).all()), tuple(store.entities(event, Project).all()))
    return Occupancy(inst, live_schedule(meetings, store.pitches(event)))


def table_for(found: Occupancy, wish: Wish, slot: Slot, preferred: str) -> str | None:
    """The freed table when nothing stands in the way there, else the first free table that takes the
    meeting; None when the wish cannot be met at that slot."""
    for table in (preferred, found.first_free_table(slot)):
        if table and not found.obstacles(wish, slot.id, table):
            return table
    return None
