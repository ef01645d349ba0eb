"""The event as the solver sees it: open wishes, accepted meetings `fixed`, the published schedule `previous`.

An accepted request with no meeting is an appointment its people wait a time for: the run must place it, so
it becomes `required` (the format's "accepted meeting awaiting a time") when the pure checker finds a slot
and table for it, and for every one promoted before it, around the meetings that never move. One without is
left optional, so that it cannot make the run infeasible; the left-out page names it with the reason. What
the checker cannot see (the moves budget, pitches a re-solve moves) may still make the run infeasible: the
job then solves again with none of them required (see `job`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from forum.checker.placing import Occupancy, free_place
from forum.checker.rules import is_live, is_open, placement
from forum.domain import Instance, Meeting, MeetingStatus, Schedule, Wish, WishStatus
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore
from forum.store.snapshot import SnapshotStore


@dataclass(frozen=True)
class Built:
    instance: Instance
    promoted: tuple[str, ...] = ()  # accepted requests without a meeting made required by this build
    dropped: tuple[Wish, ...] = ()  # requests whose published meeting was declined or cancelled


def _keeps_place(m: Meeting, repair: bool) -> bool:
    """Accepted and locked meetings never move; a repair run also leaves proposed ones where they are."""
    return m.status is MeetingStatus.ACCEPTED or m.locked or (repair and m.status is MeetingStatus.PROPOSED)


def build_run_instance(client: Client, event: str, repair: bool = False, remember: bool = False) -> Built:
    """Wishes not declined or withdrawn; a declined or cancelled meeting frees its wish from the schedule.
    A repair run keeps every published pitch where it is; a re-solve counts each one it moves. `remember`:
    records unchanged since this process last built the event are not decoded again (repairs, every few
    seconds in a market)."""
    store = SnapshotStore(client) if remember else EventStore(client)
    base = store.export_instance(event)
    published = store.entities(event, Meeting).all() if remember else ScheduleStore(client).meetings(event)
    dropped = {m.wish for m in published if not is_live(m)}
    wishes = tuple(w for w in base.wishes if is_open(w) and w.id not in dropped)
    open_ids = {w.id for w in wishes}
    meetings = [m for m in published if is_live(m) and m.wish in open_ids]
    pitches = base.previous_pitches  # the published pitches of projects and slots that still exist
    inst = replace(
        base,
        wishes=wishes,
        fixed=tuple(placement(m) for m in meetings if _keeps_place(m, repair)),
        previous=tuple(placement(m) for m in meetings),
        fixed_pitches=pitches if repair else (),
        previous_pitches=pitches,
    )
    built = promote_accepted(inst)
    return replace(built, dropped=tuple(w for w in base.wishes if w.id in dropped))


def build_instance(client: Client, event: str, repair: bool = False) -> Instance:
    return build_run_instance(client, event, repair).instance


def promote_accepted(inst: Instance) -> Built:
    """Accepted requests without a meeting become required, heaviest first, as long as a slot and a table
    can take them all together around the fixed meetings and the published pitches (the checker finds one
    for each and keeps it taken for the next)."""
    placed = {p.wish for p in inst.previous}
    waiting = [w for w in inst.wishes if w.status is WishStatus.ACCEPTED and not w.required and w.id not in placed]
    if not waiting:
        return Built(inst)
    occupancy = Occupancy(inst, Schedule(inst.fixed, inst.fixed_pitches or inst.previous_pitches))
    promoted: set[str] = set()
    for w in sorted(waiting, key=lambda w: (-w.weight, w.id)):
        place = free_place(occupancy, w)
        if place is not None:
            occupancy.add(w, place[0].id, place[1])
            promoted.add(w.id)
    wishes = tuple(replace(w, required=True) if w.id in promoted else w for w in inst.wishes)
    return Built(replace(inst, wishes=wishes), tuple(sorted(promoted)))


def relax(inst: Instance, promoted: tuple[str, ...]) -> Instance:
    """The instance with the promoted requests optional again: the fallback when they cannot all be placed."""
    ids = set(promoted)
    return replace(inst, wishes=tuple(replace(w, required=False) if w.id in ids else w for w in inst.wishes))
