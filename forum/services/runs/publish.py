"""Publishing a run's draft: an atomic switch that keeps every meeting accepted meanwhile, then notices."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from forum.checker.rules import is_live, is_open
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
    """Computes the switch from the draft and the meetings as they are at publish time."""

    def __init__(self, draft: Schedule, wishes: dict[str, Party], slots: dict[str, Slot]) -> None:
        self.draft, self.wishes, self.slots = draft, wishes, slots
        self.plan = Plan(Switch(pitches=list(draft.pitches)))

    def __call__(self, current: list[Meeting]) -> Switch:
        self.plan = Plan(Switch(pitches=list(self.draft.pitches)))
        kept = {m.wish: m for m in current if m.status is not MeetingStatus.PROPOSED or m.locked}
        proposed = {m.wish: m for m in current if m.wish not in kept}
        busy, tables = self._occupied([m for m in kept.values()
                                          if is_live(m) and (m.status is MeetingStatus.ACCEPTED or m.locked)])
        placed: set[str] = set()
        for p in self.draft.meetings:
            wish = self.wishes.get(p.wish)
            if p.wish in kept or wish is None or not is_open(wish) or p.slot not in self.slots:
                continue  # answered, withdrawn, or its slot was removed since the run
            if self._clashes(p, wish, busy, tables):
                self.plan.dropped.append(p.wish)
                continue
            placed.add(p.wish)
            before = proposed.get(p.wish)
            if before is None or (before.slot, before.location) != (p.slot, p.location):
                self.plan.switch.put.append(Meeting(p.wish, p.wish, p.slot, p.location))
                self.plan.changes[p.wish] = "added" if before is None else "moved"
        for wish_id in proposed.keys() - placed:
            self.plan.switch.remove.append(wish_id)
            self.plan.changes[wish_id] = "removed"
        return self.plan.switch

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
    merge = Merge(draft, wishes, {s.id: s for s in events.entities(event, Slot).all()})
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
