"""The event as the solver sees it: open wishes, accepted meetings `fixed`, the published schedule `previous`."""

from __future__ import annotations

from dataclasses import replace

from forum.checker.rules import is_live, is_open
from forum.domain import Instance, Meeting, MeetingStatus, Placement
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore


def _placement(m: Meeting) -> Placement:
    return Placement(m.wish, m.slot, m.location)


def _keeps_place(m: Meeting, repair: bool) -> bool:
    """Accepted and locked meetings never move; a repair run also leaves proposed ones where they are."""
    return m.status is MeetingStatus.ACCEPTED or m.locked or (repair and m.status is MeetingStatus.PROPOSED)


def build_instance(client: Client, event: str, repair: bool = False) -> Instance:
    """Wishes not declined or withdrawn; a declined or cancelled meeting frees its wish from the schedule."""
    base = EventStore(client).export_instance(event)
    published = ScheduleStore(client).meetings(event)
    dropped = {m.wish for m in published if not is_live(m)}
    wishes = tuple(w for w in base.wishes if is_open(w) and w.id not in dropped)
    open_ids = {w.id for w in wishes}
    meetings = [m for m in published if is_live(m) and m.wish in open_ids]
    return replace(
        base,
        wishes=wishes,
        fixed=tuple(_placement(m) for m in meetings if _keeps_place(m, repair)),
        previous=tuple(_placement(m) for m in meetings),
    )
