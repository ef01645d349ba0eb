"""Who is left out and why: unserved requesters, unmet wishes with the solver's reason, and the nearest fix."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from forum.checker.rules import is_live, is_open
from forum.domain import Instance, LocationKind, Meeting, Slot, SlotKind, covered
from forum.domain.wish import Wish
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore

FIX_LIMIT = 300  # nearest fixes are computed for the most important unmet wishes only


@dataclass(frozen=True)
class UnmetWish:
    wish: Wish
    reason: str
    fix: str


@dataclass(frozen=True)
class LeftOut:
    unserved: list[str]  # requesters with open wishes and no meeting at all
    unmet: list[UnmetWish]
    open_wishes: int
    names: dict[str, str]


def slot_label(slot: Slot) -> str:
    return f"{slot.start:%H:%M} on {slot.start.day} {slot.start:%B}"


class Occupancy:
    """Who and which table is busy in each meeting slot of the live schedule (pitches included)."""

    def __init__(self, inst: Instance, meetings: list[Meeting], pitches: list[tuple[str, str]]) -> None:
        self.inst = inst
        self.wishes = {w.id: w for w in inst.wishes}
        self.people = {a.id: a for a in inst.attendees}
        self.slots = sorted((s for s in inst.slots if s.kind is SlotKind.MEETING), key=lambda s: (s.start, s.id))
        self.tables = [loc.id for loc in inst.locations if loc.kind is LocationKind.TABLE]
        slot_of = {s.id: s for s in inst.slots}
        self.busy: dict[str, list[Slot]] = defaultdict(list)
        self.used: dict[str, set[str]] = defaultdict(set)
        self.count: dict[str, int] = defaultdict(int)
        for m in meetings:
            if m.slot in slot_of and m.wish in self.wishes:
                self.used[m.slot].add(m.location)
                for who in self.wishes[m.wish].participants:
                    self.busy[who].append(slot_of[m.slot])
                    self.count[who] += 1
        for who, slot in pitches:
            if slot in slot_of:
                self.busy[who].append(slot_of[slot])

    def blockers(self, wish: Wish, slot: Slot) -> list[str]:
        """Plain words for each participant who cannot meet at `slot`."""
        out = []
        for who in wish.participants:
            person = self.people.get(who)
            if person is not None and not covered(slot.window, person.available):
                out.append(f"{who} extends availability")
            elif any(b.window.overlaps(slot.window) for b in self.busy[who]):
                out.append(f"{who} gives up another meeting then")
            elif person is not None and person.max_meetings is not None and self.count[who] >= person.max_meetings:
                out.append(f"{who} raises the cap of {person.max_meetings} meetings")
        return out

    def nearest_fix(self, wish: Wish) -> str:
        best: tuple[int, Slot, list[str]] | None = None
        for slot in self.slots:
            if not covered(slot.window, wish.within) or len(self.used[slot.id]) >= len(self.tables):
                continue
            blockers = self.blockers(wish, slot)
            if best is None or len(blockers) < best[0]:
                best = (len(blockers), slot, blockers)
            if not blockers:
                break
        if best is None:
            return "no free table in any slot the wish allows: add tables or slots"
        count, slot, blockers = best
        if count == 0:
            return f"a free table at {slot_label(slot)} suits everyone: move it there by hand or re-run"
        return f"a free table at {slot_label(slot)} if " + " and ".join(blockers)


def left_out(inst: Instance, meetings: list[Meeting], pitches: list[tuple[str, str]],
             reasons: dict[str, str]) -> LeftOut:
    live = [m for m in meetings if is_live(m)]
    met = {m.wish for m in live}
    open_wishes = [w for w in inst.wishes if is_open(w)]
    requesters = {w.requester for w in open_wishes}
    served = {w.requester for w in open_wishes if w.id in met}
    unmet = sorted((w for w in open_wishes if w.id not in met), key=lambda w: (-w.weight, w.id))
    occupancy = Occupancy(inst, live, pitches)
    rows = [UnmetWish(w, reasons.get(w.id, "not placed by the published run"),
                      occupancy.nearest_fix(w) if i < FIX_LIMIT else "")
            for i, w in enumerate(unmet)]
    return LeftOut(sorted(requesters - served), rows, len(open_wishes), {a.id: a.name for a in inst.attendees})


def pitch_engagements(inst: Instance, pitches: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(attendee, slot) for presenters and panels of placed pitches."""
    projects = {p.id: p for p in inst.projects}
    panels = {s: ps.panel for ps in inst.pitch_sessions for s in ps.slots}
    out = []
    for project, slot in pitches:
        if project in projects:
            out += [(who, slot) for who in projects[project].presenters]
        out += [(who, slot) for who in panels.get(slot, ())]
    return out


def for_event(client: Client, event: str) -> LeftOut:
    store, schedules = EventStore(client), ScheduleStore(client)
    inst = store.export_instance(event)
    run = schedules.published_run(event)
    draft = schedules.draft(event, run) if run else None
    reasons = {u.wish: u.reason for u in draft.unscheduled} if draft else {}
    placed = [(p.project, p.slot) for p in store.pitches(event)]
    return left_out(inst, schedules.meetings(event), pitch_engagements(inst, placed), reasons)
