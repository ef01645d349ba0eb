"""Event setup from typed plans: meeting slots, tables by area, pitch sessions, caps; all or nothing.

The web parses the organizer's forms into these plans; the rules about their values live here.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any, TypeVar

from forum.checker.rules import is_live
from forum.domain import (
    Attendee,
    Location,
    LocationKind,
    Meeting,
    PitchPlacement,
    PitchSession,
    Project,
    Slot,
    SlotKind,
    Window,
)
from forum.errors import Conflict, InvalidInput
from forum.store import EventStore
from forum.store.changes import Change, apply
from forum.store.connection import Client

MAX_DAYS, MAX_SLOTS, MAX_TABLES, MAX_PROJECTS, MAX_CAP = 14, 2000, 2000, 100, 500
IDENT = re.compile(r"[A-Za-z0-9_-]{1,40}")
Placed = TypeVar("Placed", Slot, Location)  # what a meeting is placed at, replaced a kind at a time


@dataclass(frozen=True)
class SlotPlan:
    """Every day the same hours: slots of `minutes` from `start` to `end`, leaving out any touching a break."""

    days: tuple[date, ...]
    start: clock
    end: clock
    minutes: int
    breaks: tuple[tuple[clock, clock], ...] = ()


@dataclass(frozen=True)
class TableArea:
    area: str
    count: int


@dataclass(frozen=True)
class ProjectPlan:
    title: str
    presenters: tuple[str, ...]  # attendee ids


@dataclass(frozen=True)
class PitchPlan:
    """One pitch session: `count` pitches of `minutes` from `start` in its own room, before its panel."""

    ident: str
    start: datetime
    count: int
    minutes: int
    panel: tuple[str, ...]  # attendee ids
    projects: tuple[ProjectPlan, ...] = ()
    name: str = ""
    room: str = ""


@dataclass(frozen=True)
class Caps:
    """Meetings an attendee may have in all and per day; None is no cap."""

    total: int | None = None
    per_day: int | None = None


def check_range(value: int, what: str, low: int, high: int) -> int:
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be between {low} and {high}, got {value}")
    return value


def _at(day: date, hm: clock) -> datetime:
    return datetime.combine(day, hm)


def _check_plan(plan: SlotPlan) -> None:
    if not plan.days or len(plan.days) > MAX_DAYS:
        raise InvalidInput(f"give between 1 and {MAX_DAYS} days")
    check_range(plan.minutes, "slot length", 5, 240)
    if plan.end <= plan.start:
        raise InvalidInput("the day must end after it starts")
    for b0, b1 in plan.breaks:
        if b1 <= b0:
            raise InvalidInput(f"break '{b0:%H:%M}-{b1:%H:%M}' ends before it starts")


def meeting_slots(plan: SlotPlan) -> list[Slot]:
    """The plan's slots, each day from `start` while a whole slot fits before `end`."""
    _check_plan(plan)
    slots, length = [], timedelta(minutes=plan.minutes)
    for day in sorted(set(plan.days)):
        at, stop = _at(day, plan.start), _at(day, plan.end)
        pauses = [Window(_at(day, b0), _at(day, b1)) for b0, b1 in plan.breaks]
        while at + length <= stop:
            window = Window(at, at + length)
            if not any(window.overlaps(pause) for pause in pauses):
                slots.append(Slot(f"s-{at:%m%d-%H%M}", window))
            at += length
    if not slots or len(slots) > MAX_SLOTS:
        raise InvalidInput(f"these settings give {len(slots)} meeting slots; between 1 and {MAX_SLOTS} are allowed")
    return slots


def tables_by_area(areas: list[TableArea]) -> list[Location]:
    """Tables T001... named 'Table N', `count` of them in each area, in order."""
    tables: list[Location] = []
    for n, wanted in enumerate(areas, start=1):
        for _ in range(check_range(wanted.count, f"line {n}: table count", 1, MAX_TABLES)):
            i = len(tables) + 1
            tables.append(Location(f"T{i:03d}", LocationKind.TABLE, f"Table {i}", wanted.area.strip()[:40]))
    if not tables or len(tables) > MAX_TABLES:
        raise InvalidInput(f"give between 1 and {MAX_TABLES} tables in all")
    return tables


def _in_use(client: Client, event: str, field: str, removed: set[str]) -> None:
    meetings = EventStore(client).entities(event, Meeting).all()
    clash = sorted({getattr(m, field) for m in meetings if is_live(m) and getattr(m, field) in removed})
    if clash:
        what = "slots" if field == "slot" else "tables"
        raise Conflict(f"live meetings are placed at {what} {', '.join(clash[:10])}: move or cancel them first, "
                       "or keep those " + what)


def _entry(who: str, action: str, detail: str) -> dict[str, Any]:
    return {"at": time.time(), "who": who, "action": action, "meeting": "", "detail": detail}


def _replace_kind(client: Client, event: str, who: str, cls: type[Placed], new: list[Placed],
                  is_kind: Callable[[Placed], bool], what: str, noun: str) -> int:
    """Make `new` the event's whole set of one kind of slot or location, refusing to drop any in use."""
    store = EventStore(client).entities(event, cls)
    field = "slot" if cls is Slot else "location"  # the meeting field that refers to one

    def compute() -> Change:
        removed = {x.id for x in store.all() if is_kind(x)} - {x.id for x in new}
        _in_use(client, event, field, removed)
        return Change(put={cls: new}, remove={cls: sorted(removed)},
                      audit=_entry(who, f"set {what}", f"{len(new)} {noun}"))

    EventStore(client).get(event)
    apply(client, event, (Meeting, cls), compute)
    return len(new)


def set_slots(client: Client, event: str, who: str, plan: SlotPlan) -> int:
    slots = meeting_slots(plan)
    return _replace_kind(client, event, who, Slot, slots, lambda s: s.kind is SlotKind.MEETING,
                         "slots", "meeting slots")


def set_tables(client: Client, event: str, who: str, areas: list[TableArea]) -> int:
    tables = tables_by_area(areas)
    return _replace_kind(client, event, who, Location, tables, lambda loc: loc.kind is LocationKind.TABLE,
                         "tables", "tables")


def _known(client: Client, event: str, ids: tuple[str, ...], what: str) -> tuple[str, ...]:
    known = set(EventStore(client).entities(event, Attendee).ids())
    unknown = [x for x in ids if x not in known]
    if unknown:
        raise InvalidInput(f"{what}: no attendee {', '.join(unknown[:10])} in this event")
    return tuple(dict.fromkeys(ids))


def _check_pitch(client: Client, event: str, plan: PitchPlan) -> tuple[str, ...]:
    """The plan's rules; returns its panel without repeats."""
    if not IDENT.fullmatch(plan.ident):
        raise InvalidInput("session id: letters, digits, - and _ only, up to 40 characters")
    check_range(plan.count, "pitch count", 1, 50)
    check_range(plan.minutes, "pitch length", 5, 120)
    panel = _known(client, event, plan.panel, "panel")
    if not panel:
        raise InvalidInput("panel: name at least one attendee id")
    for n, project in enumerate(plan.projects, start=1):
        _known(client, event, project.presenters, f"project line {n}")
    if len(plan.projects) > MAX_PROJECTS:
        raise InvalidInput(f"at most {MAX_PROJECTS} projects per session")
    return panel


def pitch_session(client: Client, event: str, who: str, plan: PitchPlan) -> PitchSession:
    """Add or replace one pitch session: its room, its pitch slots, its panel and its projects."""
    panel, ident = _check_pitch(client, event, plan), plan.ident
    projects = [Project(f"{ident}-p{n}", p.title.strip()[:120], tuple(dict.fromkeys(p.presenters)), (ident,))
                for n, p in enumerate(plan.projects, start=1)]
    room = Location(f"room-{ident}", LocationKind.ROOM, (plan.room.strip() or "Pitch room")[:80])
    step = timedelta(minutes=plan.minutes)
    slots = [Slot(f"p-{ident}-{i + 1}", Window(plan.start + step * i, plan.start + step * (i + 1)), SlotKind.PITCH)
             for i in range(plan.count)]
    session = PitchSession(ident, room.id, panel, tuple(s.id for s in slots), (plan.name.strip() or ident)[:80])
    _write_session(client, event, who, session, room, slots, projects)
    return session


def _write_session(client: Client, event: str, who: str, session: PitchSession, room: Location,
                   slots: list[Slot], projects: list[Project]) -> None:
    store = EventStore(client)

    def compute() -> Change:
        old = store.entities(event, PitchSession).find(session.id)
        old_slots = set(old.slots) if old else set()
        old_projects = {p.id for p in store.entities(event, Project).all() if p.sessions == (session.id,)}
        placed = [p.project for p in store.pitches(event) if p.project in old_projects or p.slot in old_slots]
        if placed:
            raise Conflict(f"pitches of session {session.id} are already placed ({', '.join(placed[:5])}); "
                           "re-run the solver after changing it")
        return Change(put={Location: [room], Slot: list(slots), PitchSession: [session], Project: list(projects)},
                      remove={Slot: sorted(old_slots - {s.id for s in slots}),
                              Project: sorted(old_projects - {p.id for p in projects})},
                      audit=_entry(who, "set pitch session", f"{session.id}: {len(slots)} slots, "
                                   f"{len(projects)} projects"))

    store.get(event)
    apply(client, event, (PitchPlacement, PitchSession), compute)


def _check_caps(caps: Caps) -> Caps:
    for value, what in ((caps.total, "meetings in all"), (caps.per_day, "meetings per day")):
        if value is not None:
            check_range(value, what, 0, MAX_CAP)
    return caps


def set_caps(client: Client, event: str, who: str, role: str, caps: Caps) -> int:
    """The same caps for every attendee of one role."""
    role, total, per_day = role.strip()[:40], _check_caps(caps).total, caps.per_day
    store = EventStore(client).entities(event, Attendee)

    def compute() -> Change:
        people = [replace(a, max_meetings=total, max_per_day=per_day) for a in store.all() if a.role == role]
        if not people:
            raise InvalidInput(f"no attendee has the role {role!r}")
        return Change(put={Attendee: people},
                      audit=_entry(who, "set caps", f"{role}: {total} in all, {per_day} per day"))

    return len(apply(client, event, (Attendee,), compute).puts(Attendee))


def set_attendee_caps(client: Client, event: str, who: str, attendee: str, caps: Caps) -> None:
    """Caps for one attendee, e.g. a buyer who asks for fewer meetings."""
    total, per_day = _check_caps(caps).total, caps.per_day
    store = EventStore(client).entities(event, Attendee)

    def compute() -> Change:
        person = store.get(attendee.strip()[:100])
        return Change(put={Attendee: [replace(person, max_meetings=total, max_per_day=per_day)]},
                      audit=_entry(who, "set caps", f"{person.id}: {total} in all, {per_day} per day"))

    apply(client, event, (Attendee,), compute)
