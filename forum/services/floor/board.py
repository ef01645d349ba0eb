"""The organizers' view of the floor today: per slot, how many meetings checked in, no-shows, still waiting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from forum.checker.rules import is_live
from forum.domain import Attendee, Location, Meeting, Slot
from forum.services.events import local_now
from forum.services.floor.clock import check_in_open
from forum.store import EventStore
from forum.store.attendance import Attendance, AttendanceStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore

STATES = ("checked in", "no-show", "waiting")


@dataclass
class SlotRow:
    slot: Slot
    current: bool  # check-in is open for it now
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))


@dataclass(frozen=True)
class NoShow:
    slot: Slot
    table: Location
    absent: tuple[Attendee, ...]
    reported_by: Attendee | None


@dataclass
class Board:
    now: datetime
    rows: list[SlotRow]
    no_shows: list[NoShow]

    @property
    def totals(self) -> dict[str, int]:
        return {s: sum(r.counts[s] for r in self.rows) for s in STATES}

    @property
    def current(self) -> list[SlotRow]:
        return [r for r in self.rows if r.current]


def counted(meeting: Meeting, record: Attendance | None) -> str | None:
    """The state a meeting is counted in: a live one waits until someone taps; a cancelled one counts only
    as the no-show that cancelled it."""
    if record is not None and record.absent:
        return "no-show"
    if not is_live(meeting):
        return None
    return record.state if record is not None else "waiting"


def board(client: Client, event: str, now: datetime | None = None) -> Board:
    """Today's meeting slots with their counts, and the no-shows reported today in time order."""
    now = now or local_now(client, event)
    store = EventStore(client)
    slots = {s.id: s for s in store.entities(event, Slot).all() if s.start.date() == now.date()}
    meetings = [m for m in ScheduleStore(client).meetings(event) if m.slot in slots]
    records = AttendanceStore(client, event).get_many(sorted(m.id for m in meetings))
    rows: dict[str, SlotRow] = {}
    missing: list[tuple[Meeting, Attendance]] = []
    for m in meetings:
        state = counted(m, records.get(m.id))
        if state is None:
            continue
        slot = slots[m.slot]
        rows.setdefault(slot.id, SlotRow(slot, check_in_open(slot, now))).counts[state] += 1
        if state == "no-show":
            missing.append((m, records[m.id]))
    return Board(now, sorted(rows.values(), key=lambda r: (r.slot.start, r.slot.id)),
                 _no_shows(store, event, slots, missing))


def _no_shows(store: EventStore, event: str, slots: dict[str, Slot],
              missing: list[tuple[Meeting, Attendance]]) -> list[NoShow]:
    ids = sorted({p for _, a in missing for p in (*a.absent, a.reported_by) if p})
    people = {a.id: a for a in store.entities(event, Attendee).get_many(ids)}
    tables = {t.id: t for t in store.entities(event, Location).get_many(sorted({m.location for m, _ in missing}))}
    out = [NoShow(slots[m.slot], tables.get(m.location, Location(m.location)),
                  tuple(people.get(p, Attendee(p, p)) for p in a.absent), people.get(a.reported_by))
           for m, a in missing]
    return sorted(out, key=lambda n: (n.slot.start, n.table.id))
