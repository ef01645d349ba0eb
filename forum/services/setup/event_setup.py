"""Event setup from organizer forms: meeting slots, tables by area, pitch sessions, caps; all or nothing."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from forum.checker.rules import is_live
from forum.domain import Location, LocationKind, PitchSession, Project, Slot, SlotKind, Window
from forum.errors import Conflict, InvalidInput
from forum.store import EventStore
from forum.store.changes import Change, apply
from forum.store.connection import Client

MAX_DAYS, MAX_SLOTS, MAX_TABLES, MAX_PROJECTS = 14, 2000, 2000, 100
IDENT = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _time(text: str, what: str) -> tuple[int, int]:
    found = re.fullmatch(r"\s*(\d{1,2})[:h](\d{2})\s*", text or "")
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise InvalidInput(f"{what} must be a time like 09:00, got {text!r}")
    return int(found[1]), int(found[2])


def _whole(text: str, what: str, low: int, high: int) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        raise InvalidInput(f"{what} must be a whole number, got {text!r}") from None
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be between {low} and {high}, got {value}")
    return value


def _days(text: str) -> list[date]:
    days = []
    for part in re.split(r"[\s,;]+", text.strip()):
        try:
            days.append(date.fromisoformat(part))
        except ValueError:
            raise InvalidInput(f"days must be dates like 2026-03-24, got {part!r}") from None
    if not days or len(days) > MAX_DAYS:
        raise InvalidInput(f"give between 1 and {MAX_DAYS} days")
    return sorted(set(days))


def _at(day: date, hm: tuple[int, int]) -> datetime:
    return datetime(day.year, day.month, day.day, *hm)


def meeting_slots(days: str, start: str, end: str, minutes: str, breaks: str = "") -> list[Slot]:
    """Slots of `minutes` from `start` to `end` each day, leaving out any that touch a break."""
    chosen, first, last = _days(days), _time(start, "start"), _time(end, "end")
    length = _whole(minutes, "slot length", 5, 240)
    if last <= first:
        raise InvalidInput("the day must end after it starts")
    pauses = []
    for part in [p for p in re.split(r"[;,]", breaks or "") if p.strip()]:
        bits = part.split("-")
        if len(bits) != 2:
            raise InvalidInput(f"breaks look like 13:00-14:00, got {part.strip()!r}")
        b0, b1 = _time(bits[0], "break start"), _time(bits[1], "break end")
        if b1 <= b0:
            raise InvalidInput(f"break {part.strip()!r} ends before it starts")
        pauses.append((b0, b1))
    slots = []
    for day in chosen:
        at, stop = _at(day, first), _at(day, last)
        while at + timedelta(minutes=length) <= stop:
            window = Window(at, at + timedelta(minutes=length))
            if not any(window.overlaps(Window(_at(day, b0), _at(day, b1))) for b0, b1 in pauses):
                slots.append(Slot(f"s-{at:%m%d-%H%M}", window))
            at += timedelta(minutes=length)
    if not slots or len(slots) > MAX_SLOTS:
        raise InvalidInput(f"these settings give {len(slots)} meeting slots; between 1 and {MAX_SLOTS} are allowed")
    return slots


def tables_by_area(text: str) -> list[Location]:
    """Lines `AREA: COUNT` → tables T001... named 'Table N' in that area."""
    tables: list[Location] = []
    for n, line in enumerate([x for x in (text or "").splitlines() if x.strip()], start=1):
        area, sep, count = line.rpartition(":")
        if not sep or not area.strip():
            raise InvalidInput(f"line {n}: write tables as 'area: count', e.g. 'Hall A: 40', got {line.strip()!r}")
        for _ in range(_whole(count, f"line {n}: table count", 1, MAX_TABLES)):
            i = len(tables) + 1
            tables.append(Location(f"T{i:03d}", LocationKind.TABLE, f"Table {i}", area.strip()[:40]))
    if not tables or len(tables) > MAX_TABLES:
        raise InvalidInput(f"give between 1 and {MAX_TABLES} tables in all")
    return tables


def _in_use(client: Client, event: str, field: str, removed: set[str]) -> None:
    meetings = EventStore(client).entities(event, "meeting").all()
    clash = sorted({getattr(m, field) for m in meetings if is_live(m) and getattr(m, field) in removed})
    if clash:
        what = "slots" if field == "slot" else "tables"
        raise Conflict(f"live meetings are placed at {what} {', '.join(clash[:10])}: move or cancel them first, "
                       "or keep those " + what)


def _entry(who: str, action: str, detail: str) -> dict[str, Any]:
    return {"at": time.time(), "who": who, "action": action, "meeting": "", "detail": detail}


def _replace_kind(client: Client, event: str, who: str, entity: str, new: list[Any],
                  is_kind: Callable[[Any], bool], what: str, noun: str) -> int:
    """Make `new` the event's whole set of one kind of slot or location, refusing to drop any in use."""
    store = EventStore(client).entities(event, entity)

    def compute() -> Change:
        removed = {x.id for x in store.all() if is_kind(x)} - {x.id for x in new}
        _in_use(client, event, entity, removed)
        return Change(put={entity: new}, remove={entity: sorted(removed)},
                      audit=_entry(who, f"set {what}", f"{len(new)} {noun}"))

    EventStore(client).get(event)
    apply(client, event, ("meeting", entity), compute)
    return len(new)


def set_slots(client: Client, event: str, who: str, form: dict[str, str]) -> int:
    slots = meeting_slots(form.get("days", ""), form.get("start", ""), form.get("end", ""),
                          form.get("minutes", ""), form.get("breaks", ""))
    return _replace_kind(client, event, who, "slot", list(slots), lambda s: s.kind is SlotKind.MEETING,
                         "slots", "meeting slots")


def set_tables(client: Client, event: str, who: str, text: str) -> int:
    tables = tables_by_area(text)
    return _replace_kind(client, event, who, "location", list(tables),
                         lambda loc: loc.kind is LocationKind.TABLE,
                         "tables", "tables")


def _people(client: Client, event: str, text: str, what: str) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(x for x in re.split(r"[\s,;]+", text or "") if x))
    known = set(EventStore(client).entities(event, "attendee").ids())
    unknown = [x for x in ids if x not in known]
    if unknown:
        raise InvalidInput(f"{what}: no attendee {', '.join(unknown[:10])} in this event")
    return ids


def pitch_session(client: Client, event: str, who: str, form: dict[str, str]) -> PitchSession:
    """Add or replace one pitch session: its room, its pitch slots, its panel and its projects."""
    ident = (form.get("id") or "").strip()
    if not IDENT.fullmatch(ident):
        raise InvalidInput("session id: letters, digits, - and _ only, up to 40 characters")
    day, start = _days(form.get("day", ""))[0], _time(form.get("start", ""), "start")
    count, minutes = _whole(form.get("count", ""), "pitch count", 1, 50), _whole(form.get("minutes", ""),
                                                                                  "pitch length", 5, 120)
    panel = _people(client, event, form.get("panel", ""), "panel")
    if not panel:
        raise InvalidInput("panel: name at least one attendee id")
    projects = []
    for n, line in enumerate([x for x in (form.get("projects") or "").splitlines() if x.strip()], start=1):
        title, sep, presenters = line.partition("|")
        if not sep or not title.strip():
            raise InvalidInput(f"project line {n}: write 'Title | presenter ids', got {line.strip()[:80]!r}")
        people = _people(client, event, presenters, f"project line {n}")
        projects.append(Project(f"{ident}-p{n}", title.strip()[:120], people, (ident,)))
    if len(projects) > MAX_PROJECTS:
        raise InvalidInput(f"at most {MAX_PROJECTS} projects per session")
    room = Location(f"room-{ident}", LocationKind.ROOM, (form.get("room") or "Pitch room").strip()[:80])
    at = _at(day, start)
    slots = [Slot(f"p-{ident}-{i + 1}", Window(at + timedelta(minutes=minutes * i),
                                               at + timedelta(minutes=minutes * (i + 1))), SlotKind.PITCH)
             for i in range(count)]
    session = PitchSession(ident, room.id, panel, tuple(s.id for s in slots), (form.get("name") or ident)[:80])
    _write_session(client, event, who, session, room, slots, projects)
    return session


def _write_session(client: Client, event: str, who: str, session: PitchSession, room: Location,
                   slots: list[Slot], projects: list[Project]) -> None:
    store = EventStore(client)

    def compute() -> Change:
        old = store.entities(event, "pitch_session").find(session.id)
        old_slots = set(old.slots) if old else set()
        old_projects = {p.id for p in store.entities(event, "project").all() if p.sessions == (session.id,)}
        placed = [p.project for p in store.pitches(event) if p.project in old_projects or p.slot in old_slots]
        if placed:
            raise Conflict(f"pitches of session {session.id} are already placed ({', '.join(placed[:5])}); "
                           "re-run the solver after changing it")
        return Change(put={"location": [room], "slot": list(slots), "pitch_session": [session],
                           "project": list(projects)},
                      remove={"slot": sorted(old_slots - {s.id for s in slots}),
                              "project": sorted(old_projects - {p.id for p in projects})},
                      audit=_entry(who, "set pitch session", f"{session.id}: {len(slots)} slots, "
                                   f"{len(projects)} projects"))

    store.get(event)
    apply(client, event, ("pitch", "pitch_session"), compute)


def _cap(text: str, what: str) -> int | None:
    return None if not (text or "").strip() else _whole(text, what, 0, 500)


def set_caps(client: Client, event: str, who: str, role: str, max_meetings: str, max_per_day: str) -> int:
    """The same caps for every attendee of one role (empty = no cap)."""
    role = (role or "").strip()[:40]
    total, per_day = _cap(max_meetings, "meetings in all"), _cap(max_per_day, "meetings per day")
    store = EventStore(client).entities(event, "attendee")

    def compute() -> Change:
        people = [replace(a, max_meetings=total, max_per_day=per_day) for a in store.all() if a.role == role]
        if not people:
            raise InvalidInput(f"no attendee has the role {role!r}")
        return Change(put={"attendee": people},
                      audit=_entry(who, "set caps", f"{role}: {total} in all, {per_day} per day"))

    return len(apply(client, event, ("attendee",), compute).put["attendee"])


def set_attendee_caps(client: Client, event: str, who: str, attendee: str, max_meetings: str,
                      max_per_day: str) -> None:
    """Caps for one attendee (empty = no cap), e.g. a buyer who asks for fewer meetings."""
    total, per_day = _cap(max_meetings, "meetings in all"), _cap(max_per_day, "meetings per day")
    store = EventStore(client).entities(event, "attendee")

    def compute() -> Change:
        person = store.get(attendee.strip()[:100])
        return Change(put={"attendee": [replace(person, max_meetings=total, max_per_day=per_day)]},
                      audit=_entry(who, "set caps", f"{person.id}: {total} in all, {per_day} per day"))

    apply(client, event, ("attendee",), compute)
