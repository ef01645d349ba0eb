"""Publishing a run's draft: an atomic switch that keeps every meeting accepted meanwhile, then notices."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from forum.checker.rules import is_live, is_open, placement
from forum.domain import Meeting, MeetingStatus, Placement, RunStatus, Schedule, Slot, Window
from forum.errors import Conflict
from forum.services import notify
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.runs import RunStore
from forum.store.schedule import Party, ScheduleStore, Switch

PUBLISHABLE = (RunStatus.FINISHED, RunStatus.CANCELLED)
CHANGES_PER_MESSAGE = 50  # a phone gets the gist; more than that and it reloads its meetings anyway


@dataclass
class Plan:
    switch: Switch
    changes: dict[str, str] = field(default_factory=dict)  # wish -> added / moved / removed
    dropped: list[str] = field(default_factory=list)  # draft meetings that clash with answers given meanwhile


class Merge:
    """Computes the switch from the draft and the meetings as they are at publish time.

    A three-way merge: the run's changes are what its draft says differently from `base`, the live schedule
    it started from. A change is applied only where the meeting is still as it was at the start, so a run
    never undoes what was published or changed by hand while it ran (a repair cannot revert an organizer's
    publish). Without a base (drafts saved before bases were kept) the current schedule is the base.
    """

    def __init__(self, draft: Schedule, wishes: dict[str, Party], slots: dict[str, Slot],
                 base: Schedule | None = None) -> None:
        self.draft, self.wishes, self.slots = draft, wishes, slots
        self.base = None if base is None else {p.wish: p for p in base.meetings}
        self.plan = Plan(Switch(pitches=list(draft.pitches)))

    def __call__(self, current: list[Meeting]) -> Switch:
        self.plan = Plan(Switch(pitches=list(self.draft.pitches)))
        kept = {m.wish: m for m in current if m.status is not MeetingStatus.PROPOSED or m.locked}
        proposed = {m.wish: placement(m) for m in current if m.wish not in kept}
        base = self.base if self.base is not None else proposed
        changes = {w: d for w, d in self._wanted(kept, proposed).items()
                   if d != base.get(w) and proposed.get(w) == base.get(w)}
        unchanged = [m for m in current if m.wish not in changes
                     and is_live(m) and (m.wish in proposed or m.status is MeetingStatus.ACCEPTED or m.locked)]
        busy, tables = self._occupied(unchanged)
        for wish_id, wanted in sorted(changes.items()):
            before = proposed.get(wish_id)
            if wanted is not None and self._clashes(wanted, self.wishes[wish_id], busy, tables):
                self.plan.dropped.append(wish_id)
            elif wanted is None:
                self.plan.switch.remove.append(wish_id)
                self.plan.changes[wish_id] = "removed"
            else:
                self.plan.switch.put.append(Meeting(wish_id, wish_id, wanted.slot, wanted.location))
                self.plan.changes[wish_id] = "added" if before is None else "moved"
        self._settle_dropped(unchanged, proposed)
        return self.plan.switch

    def _settle_dropped(self, unchanged: list[Meeting], proposed: dict[str, Placement]) -> None:
        """A change that clashes is not made; the meeting stays where it was unless the run's other
        changes took that place, and then it is removed (and its people told)."""
        busy, tables = self._occupied(unchanged + self.plan.switch.put)
        for wish_id in self.plan.dropped:
            before = proposed.get(wish_id)
            if before is not None and self._clashes(before, self.wishes[wish_id], busy, tables):
                self.plan.switch.remove.append(wish_id)
                self.plan.changes[wish_id] = "removed"

    def _wanted(self, kept: dict[str, Meeting], proposed: dict[str, Placement]) -> dict[str, Placement | None]:
        """Where the draft puts each wish it may still touch; None where it has no place for it any more
        (not in the draft, withdrawn or declined since, or its slot was removed)."""
        out: dict[str, Placement | None] = dict.fromkeys(proposed)
        for p in self.draft.meetings:
            wish = self.wishes.get(p.wish)
            if p.wish in kept:
                continue  # answered or locked meanwhile: never the draft's to move
            valid = wish is not None and is_open(wish) and p.slot in self.slots
            out[p.wish] = p if valid else None
        return out

    def _occupied(self, fixed: list[Meeting]) -> tuple[dict[str, list[Window]], dict[str, list[Window]]]:
        busy: dict[str, list[Window]] = defaultdict(list)
        tables: dict[str, list[Window]] = defaultdict(list)
        for m in fixed:
            if m.slot not in self.slots:
                continue
            window = self.slots[m.slot].window
            tables[m.location].append(window)
            for who in self.wishes[m.wish].participants if m.wish in self.wishes else ():
                busy[who].append(window)
        return busy, tables

    def _clashes(self, p: Placement, wish: Party, busy: dict[str, list[Window]],
                 tables: dict[str, list[Window]]) -> bool:
        w = self.slots[p.slot].window
        overlaps = [x for who in wish.participants for x in busy.get(who, ())] + tables.get(p.location, [])
        return any(x.overlaps(w) for x in overlaps)


def publish_run(client: Client, event: str, run_id: str) -> dict[str, Any]:
    """Make the run's draft the event's schedule; every attendee whose meetings changed is told."""
    run = RunStore(client).get(event, run_id)
    schedules = ScheduleStore(client)
    draft = schedules.draft(event, run_id) if run.status in PUBLISHABLE else None
    if draft is None:
        raise Conflict(f"run {run_id} has no schedule to publish (it is {run.status.value})")
    events = EventStore(client)
    wishes = schedules.parties(event)
    merge = Merge(draft, wishes, {s.id: s for s in events.entities(event, Slot).all()},
                  schedules.draft_base(event, run_id))
    _, version = schedules.publish(event, run_id, merge)
    plan = merge.plan
    _tell_attendees(client, event, run_id, version, plan, wishes)
    summary = {"type": "schedule.published", "run": run_id, "version": version, "dropped": len(plan.dropped),
               **{k: sum(1 for c in plan.changes.values() if c == k) for k in ("added", "moved", "removed")}}
    notify.to_organizers(client, event, summary)
    return summary


def _tell_attendees(client: Client, event: str, run: str, version: int, plan: Plan,
                    wishes: dict[str, Party]) -> None:
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    placed = {m.wish: m for m in plan.switch.put}
    for wish_id, change in plan.changes.items():
        m = placed.get(wish_id)
        entry = {"wish": wish_id, "change": change, "slot": m.slot if m else "", "location": m.location if m else ""}
        for who in wishes[wish_id].participants if wish_id in wishes else ():
            by_person[who].append(entry)
    messages = {who: {"type": "schedule.changed", "run": run, "version": version,
                      "changes": found[:CHANGES_PER_MESSAGE], "more": len(found) > CHANGES_PER_MESSAGE}
                for who, found in by_person.items()}
    notify.to_attendees(client, event, messages)
