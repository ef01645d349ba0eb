"""Accepting a request that has no meeting: whether any time can exist for it, and a repair run to find one."""

from __future__ import annotations

from forum.checker.placing import Blocked, Occupancy, blocked
from forum.checker.rules import fixed_schedule, is_live
from forum.domain import Attendee, Instance, Location, Meeting, PitchSession, Project, Slot, Wish, WishStatus
from forum.errors import NotFound
from forum.services.attendees import requests
from forum.services.runs import repair
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.requests import RequestStore
from forum.store.schedule import ScheduleStore


def no_time(client: Client, event: str, target: str, wish_id: str) -> Blocked | None:
    """Why no slot and table can hold the request around what no run moves (accepted and locked meetings,
    pitches and panels), caps and availability included; None when one can, or it has a meeting already."""
    wish = RequestStore(client, event).find(wish_id)
    if wish is None or wish.target != target:
        raise NotFound("There is no such request.")  # someone else's: say nothing more
    meetings = ScheduleStore(client).meetings(event)
    if any(m.wish == wish.id and is_live(m) for m in meetings):
        return None
    return blocked(_occupancy(client, event, wish, meetings), wish)


def _occupancy(client: Client, event: str, wish: Wish, meetings: list[Meeting]) -> Occupancy:
    """The checker's view with the request's own people only: their engagements and caps are exact, and every
    table's use is (tables are read from all meetings)."""
    store, found = EventStore(client), RequestStore(client, event)
    wishes = {wish.id: wish}
    for who in wish.participants:
        wishes.update((w.id, w) for w in [*found.sent(who), *found.received(who)])
    people = store.entities(event, Attendee).get_many(list(wish.participants))
    inst = Instance(store.get(event), tuple(store.entities(event, Slot).all()),
                    tuple(store.entities(event, Location).all()), tuple(people), tuple(wishes.values()),
                    tuple(store.entities(event, PitchSession).all()), tuple(store.entities(event, Project).all()))
    return Occupancy(inst, fixed_schedule(meetings, store.pitches(event)))


def answer(client: Client, event: str, target: str, wish_id: str, decision: str) -> Wish:
    """Answer a request; accepted without a meeting, it must get a time: the next run makes it required, and
    a repair run (started by the workers within seconds) looks for one now."""
    after = requests.answer(client, event, target, wish_id, decision)
    if after.status is WishStatus.ACCEPTED:
        meetings = EventStore(client).entities(event, Meeting).get_many([after.id])
        if not any(is_live(m) for m in meetings):
            repair.request_repair(client, event)
    return after
