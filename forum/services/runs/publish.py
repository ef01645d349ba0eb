"""Publishing a run's draft: an atomic switch that keeps every meeting accepted meanwhile, then notices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from forum.checker.rules import is_live, is_open, placement
from forum.domain import (
    Meeting,
    MeetingStatus,
    PitchPlacement,
    PitchSession,
    Placement,
    Project,
    RunStatus,
    Schedule,
    Slot,
    Unscheduled,
    Why,
    Window,
)
from forum.errors import Conflict
from forum.services import mailing, notify
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
    pitch_changes: dict[str, str] = field(default_factory=dict)  # project -> added / moved / removed
    pitches_before: dict[str, str] = field(default_factory=dict)  # project -> slot, as published until now


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
        # Bases saved before they carried pitches hold none: then the published pitches are the base.
        self.base_pitches = None if base is None or not base.pitches else {p.project: p.slot
                                                                          for p in base.pitches}
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

    def pitches(self, current: list[PitchPlacement]) -> list[PitchPlacement]:
        """The pitch list to publish, merged three-way like the meetings: the run's own pitch changes, made
        only where the pitch is still as the run found it; the changes are kept in the plan."""
        now = {p.project: p.slot for p in current}
        base = now if self.base_pitches is None else self.base_pitches
        wanted = {p.project: p.slot for p in self.draft.pitches}
        out = dict(now)
        self.plan.pitch_changes, self.plan.pitches_before = {}, now
        for project in sorted(set(wanted) | set(base)):
            after = wanted.get(project)
            if after == base.get(project) or now.get(project) != base.get(project):
                continue  # not the run's change, or changed since the run started: never undone
            before = now.get(project)
            if after is None:
                out.pop(project, None)
            else:
                out[project] = after
            self.plan.pitch_changes[project] = "added" if before is None else "removed" if after is None else "moved"
        return [PitchPlacement(project, slot) for project, slot in sorted(out.items())]

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


def draft_merge(client: Client, event: str, run_id: str,
                parties: Callable[[], dict[str, Party]] | None = None) -> Merge:
    """The three-way merge of the run's draft into the event's schedule, not yet applied; Conflict when the run
    has nothing to publish. Publishing and its preview both start here."""
    run = RunStore(client).get(event, run_id)
    schedules = ScheduleStore(client)
    draft = schedules.draft(event, run_id) if run.status in PUBLISHABLE else None
    if draft is None:
        raise Conflict(f"run {run_id} has no schedule to publish (it is {run.status.value})")
    wishes = schedules.parties(event) if parties is None else parties()
    return Merge(draft, wishes, {s.id: s for s in EventStore(client).entities(event, Slot).all()},
                 schedules.draft_base(event, run_id))


def publish_run(client: Client, event: str, run_id: str, reasons_of: str | None = None,
                parties: Callable[[], dict[str, Party]] | None = None) -> dict[str, Any]:
    """Make the run's draft the event's schedule; every attendee whose meetings changed is told. `reasons_of`:
    the run whose reasons the draft kept as they were (a repair, less the requests it placed, whose people
    are told anyway); while that run is the published one, nobody else's reasons change. `parties`: reads
    every wish's people and status now, when the caller has a cheaper way than the store's."""
    schedules = ScheduleStore(client)
    merge = draft_merge(client, event, run_id, parties)
    wishes = merge.wishes
    before = schedules.published_run(event)
    _, version = schedules.publish(event, run_id, merge, merge.pitches)
    plan = merge.plan
    kept = reasons_of is not None and reasons_of == before
    told = _meeting_entries(plan, wishes, () if kept else _new_reasons(schedules, event, before, run_id, wishes))
    for who, entries in _pitch_entries(client, event, plan).items():
        told[who].extend(entries)
    _tell(client, event, run_id, version, told)
    mailing.meetings_published(client, event, version, told)
    summary = {"type": "schedule.published", "run": run_id, "version": version, "dropped": len(plan.dropped),
               **{k: sum(1 for c in plan.changes.values() if c == k) for k in ("added", "moved", "removed")},
               **{f"pitches_{k}": sum(1 for c in plan.pitch_changes.values() if c == k)
                  for k in ("added", "moved", "removed")}}
    notify.to_organizers(client, event, summary)
    return summary


def _new_reasons(schedules: ScheduleStore, event: str, before: str | None, after: str,
                 wishes: dict[str, Party]) -> set[str]:
    """Requesters and their colleagues whose left-out requests got another reason, or lost theirs: their
    requests page says why the published schedule leaves a request out, so it must refresh too."""
    if before == after:
        return set()
    old = schedules.all_unscheduled(event, before) if before else {}
    new = schedules.all_unscheduled(event, after)
    def shown(found: dict[str, Unscheduled], wish: str) -> tuple[bool, Why | None]:  # what the page words
        return wish in found, found[wish].why if wish in found else None

    changed = [w for w in old.keys() | new.keys() if w in wishes and shown(old, w) != shown(new, w)]
    return {p for w in changed for i, p in enumerate(wishes[w].participants) if i != 1}  # not the person asked


def _meeting_entries(plan: Plan, wishes: dict[str, Party],
                     reasons_for: Collection[str] = ()) -> defaultdict[str, list[dict[str, str]]]:
    """What changed for each attendee in their meetings; people whose reasons changed get an empty list."""
    by_person: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for who in reasons_for:
        by_person[who] = []
    placed = {m.wish: m for m in plan.switch.put}
    for wish_id, change in plan.changes.items():
        m = placed.get(wish_id)
        entry = {"wish": wish_id, "change": change, "slot": m.slot if m else "", "location": m.location if m else ""}
        for who in wishes[wish_id].participants if wish_id in wishes else ():
            by_person[who].append(entry)
    return by_person


def _tell(client: Client, event: str, run: str, version: int, by_person: dict[str, list[dict[str, str]]]) -> None:
    """One `schedule.changed` per attendee and publish, whatever changed for them (meetings, pitches,
    reasons): one message means one refresh on the phone."""
    messages = {who: {"type": "schedule.changed", "run": run, "version": version,
                      "changes": found[:CHANGES_PER_MESSAGE], "more": len(found) > CHANGES_PER_MESSAGE}
                for who, found in by_person.items()}
    notify.to_attendees(client, event, messages)


def _pitch_people(client: Client, event: str, plan: Plan) -> dict[str, set[str]]:
    """Per changed pitch: its presenters, and the panels of the sessions it leaves and joins (their
    session's span, so their busy time, may change with it)."""
    store = EventStore(client)
    projects = {p.id: p for p in store.entities(event, Project).get_many(sorted(plan.pitch_changes))}
    sessions = store.entities(event, PitchSession).all()
    placed = {p.project: p.slot for p in plan.switch.pitches}
    out: dict[str, set[str]] = {}
    for project in plan.pitch_changes:
        found = projects.get(project)
        people = set(found.presenters) if found else set()
        for slot in (plan.pitches_before.get(project), placed.get(project)):
            people.update(who for s in sessions if slot in s.slots for who in s.panel)
        out[project] = people
    return out


def _pitch_entries(client: Client, event: str, plan: Plan) -> dict[str, list[dict[str, str]]]:
    """What changed for the presenters and panel members of every pitch the publish changed, like the
    people of a changed meeting (their calendar feed gives the pitch a new SEQUENCE)."""
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    if not plan.pitch_changes:
        return by_person
    placed = {p.project: p.slot for p in plan.switch.pitches}
    for project, people in _pitch_people(client, event, plan).items():
        entry = {"pitch": project, "change": plan.pitch_changes[project], "slot": placed.get(project, "")}
        for who in sorted(people):
            by_person[who].append(entry)
    return by_person
