"""Who is left out and why: unserved requesters, unmet wishes with the solver's reason, and the nearest fix."""

from __future__ import annotations

from dataclasses import dataclass, field

from forum.checker.placing import Blocked, Obstacle, Occupancy, blocked
from forum.checker.rules import fixed_schedule, is_open, live_schedule, unserved
from forum.domain import Instance, Meeting, PitchPlacement, Slot, Wish, WishStatus
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore

FIX_LIMIT = 300  # nearest fixes are computed for the most important unmet wishes only
WORDS = {
    "availability": "{who} extends availability",
    "busy": "{who} gives up another engagement then",
    "cap": "{who} raises the cap of {limit} meetings",
    "day cap": "{who} raises the day cap of {limit} meetings",
}


@dataclass(frozen=True)
class Fix:
    """The nearest place for an unmet wish: a slot and a free table, and what stands in the way there."""

    slot: Slot
    table: str
    obstacles: tuple[Obstacle, ...]

    @property
    def free(self) -> bool:
        return not self.obstacles


@dataclass(frozen=True)
class UnmetWish:
    wish: Wish
    reason: str
    fix: str
    place: Fix | None = None
    accepted: bool = False  # accepted by the person asked: waiting for a time, listed first


@dataclass(frozen=True)
class LeftOut:
    unserved: list[str]  # requesters with open wishes and no meeting at all
    unmet: list[UnmetWish]
    open_wishes: int
    names: dict[str, str]
    organizations: dict[str, str] = field(default_factory=dict)


def slot_label(slot: Slot) -> str:
    return f"{slot.start:%H:%M} on {slot.start.day} {slot.start:%B}"


def nearest_fix(occupancy: Occupancy, wish: Wish) -> Fix | None:
    """The first slot with a free table where the fewest people stand in the way (none, if possible)."""
    best: Fix | None = None
    for slot in occupancy.meeting_slots():
        table = occupancy.first_free_table(slot)
        if table is None:
            continue
        fix = Fix(slot, table, tuple(occupancy.obstacles(wish, slot.id, table)))
        if any(o.kind == "wish window" for o in fix.obstacles):
            continue  # the requester limited the wish to other times: not a fix anyone but them can make
        if best is None or len(fix.obstacles) < len(best.obstacles):
            best = fix
        if fix.free:
            break
    return best


def fix_words(fix: Fix | None) -> str:
    if fix is None:
        return "no free table in any slot the wish allows: add tables or slots"
    if fix.free:
        return f"a free table at {slot_label(fix.slot)} suits everyone: place it there or re-run"
    conditions = [WORDS[o.kind].format(who=o.who, limit=o.limit) for o in fix.obstacles]
    return f"a free table at {slot_label(fix.slot)} if " + " and ".join(dict.fromkeys(conditions))


def accepted_words(wish: Wish, found: Blocked | None, reason: str) -> str:
    """An accepted request without a meeting: waiting for the next run, or no time can exist for it at all
    (around accepted and locked meetings, pitches and panels) until someone changes something."""
    if found is None:
        return f"accepted by {wish.target}, waiting for a time ({reason}); the next run must place it"
    because = {
        "no common time": f"{', '.join(found.who)} are never available at the same time"
                          + (" inside the request's windows" if wish.within is not None else ""),
        "cap": f"{', '.join(found.who)} reached the cap of {found.limit} meetings",
        "busy": f"every time they share is taken by accepted meetings, pitches or panels of {', '.join(found.who)}",
        "tables": "no table is free at any time they share",
    }[found.kind]
    return f"accepted by {wish.target}, but no time can exist for it: {because}"


def left_out(inst: Instance, meetings: list[Meeting], pitches: list[PitchPlacement],
             reasons: dict[str, str]) -> LeftOut:
    schedule = live_schedule(meetings, pitches)
    met = {p.wish for p in schedule.meetings}
    open_wishes = [w for w in inst.wishes if is_open(w)]
    unmet = sorted((w for w in open_wishes if w.id not in met),
                   key=lambda w: (w.status is not WishStatus.ACCEPTED, -w.weight, w.id))
    occupancy = Occupancy(inst, schedule)
    fixed = Occupancy(inst, fixed_schedule(meetings, pitches))
    rows = []
    for i, w in enumerate(unmet):
        fix = nearest_fix(occupancy, w) if i < FIX_LIMIT else None
        reason = reasons.get(w.id, "not placed by the published run")
        accepted = w.status is WishStatus.ACCEPTED
        if accepted:
            reason = accepted_words(w, blocked(fixed, w), reason)
        rows.append(UnmetWish(w, reason, fix_words(fix) if i < FIX_LIMIT else "", fix, accepted))
    return LeftOut(unserved(inst.wishes, schedule), rows, len(open_wishes), {a.id: a.name for a in inst.attendees},
                   {a.id: a.organization for a in inst.attendees if a.organization})


def for_event(client: Client, event: str) -> LeftOut:
    store, schedules = EventStore(client), ScheduleStore(client)
    inst = store.export_instance(event)
    run = schedules.published_run(event)
    draft = schedules.draft(event, run) if run else None
    reasons = {u.wish: u.reason for u in draft.unscheduled} if draft else {}
    return left_out(inst, schedules.meetings(event), store.pitches(event), reasons)
