"""The published schedule for the outside world: CSV, instance/schedule JSON, per-table sheets."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from dataclasses import dataclass

from forum.checker.rules import is_live, live_schedule
from forum.domain import Attendee, Location, LocationKind, Slot, SlotKind, Wish, format_local
from forum.domain.instance_json import dump_instance
from forum.domain.schedule_json import dump_schedule
from forum.services.csv_cells import GuardedWriter
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore

# Ids for machines, with each person's name and company beside them for people reading the sheet.
CSV_COLUMNS = ("meeting", "day", "start", "end", "table", "table_name", "area", "requester", "requester_name",
               "requester_company", "target", "target_name", "target_company", "colleagues", "colleague_names",
               "status", "locked")


@dataclass(frozen=True)
class SheetRow:
    start: str
    end: str
    who: str  # names of everyone at the table
    status: str


@dataclass(frozen=True)
class TableSheet:
    table: str
    name: str
    area: str
    rows: list[tuple[str, list[SheetRow]]]  # per day


def _json(doc: object) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _person(people: dict[str, Attendee], ident: str) -> tuple[str, str, str]:
    """(id, name, company) columns of one attendee."""
    found = people.get(ident)
    return ident, found.name if found else "", found.organization if found else ""


def schedule_csv(client: Client, event: str) -> str:
    store = EventStore(client)
    slots = {s.id: s for s in store.entities(event, Slot).all()}
    tables = {loc.id: loc for loc in store.entities(event, Location).all()}
    wishes = {w.id: w for w in store.entities(event, Wish).all()}
    people = {a.id: a for a in store.entities(event, Attendee).all()}
    meetings = sorted((m for m in ScheduleStore(client).meetings(event) if is_live(m)),
                      key=lambda m: (slots[m.slot].start if m.slot in slots else 0, m.location, m.id))
    out = io.StringIO()
    writer = GuardedWriter(out)  # names and companies are attendees' own words: never run as formulas
    writer.writerow(CSV_COLUMNS)
    for m in meetings:
        slot, table, wish = slots.get(m.slot), tables.get(m.location), wishes.get(m.wish)
        if slot is None or wish is None:
            continue
        writer.writerow([m.id, f"{slot.start:%Y-%m-%d}", f"{slot.start:%H:%M}", f"{slot.end:%H:%M}", m.location,
                         table.name if table else "", table.area if table else "",
                         *_person(people, wish.requester), *_person(people, wish.target), ";".join(wish.colleagues),
                         ";".join(people[c].name if c in people else "" for c in wish.colleagues),
                         m.status.value, "yes" if m.locked else "no"])
    return out.getvalue()


def instance_json(client: Client, event: str) -> str:
    return _json(dump_instance(EventStore(client).export_instance(event)))


def schedule_json(client: Client, event: str) -> str:
    store = EventStore(client)
    schedule = live_schedule(sorted(ScheduleStore(client).meetings(event), key=lambda m: m.id),
                             sorted(store.pitches(event), key=lambda p: p.project))
    return _json(dump_schedule(schedule))


def table_sheets(client: Client, event: str) -> list[TableSheet]:
    """One sheet per market table: its meetings by day and time, with everyone's names, for the floor staff."""
    store = EventStore(client)
    slots = {s.id: s for s in store.entities(event, Slot).all() if s.kind is SlotKind.MEETING}
    wishes = {w.id: w for w in store.entities(event, Wish).all()}
    names = {a.id: a.name for a in store.entities(event, Attendee).all()}
    by_table: dict[str, list[tuple[object, SheetRow]]] = defaultdict(list)
    for m in ScheduleStore(client).meetings(event):
        slot, wish = slots.get(m.slot), wishes.get(m.wish)
        if not is_live(m) or slot is None or wish is None:
            continue
        who = ", ".join(names.get(p, p) for p in wish.participants)
        by_table[m.location].append((slot.start, SheetRow(format_local(slot.start), f"{slot.end:%H:%M}", who,
                                                          m.status.value)))
    sheets = []
    tables = sorted((loc for loc in store.entities(event, Location).all() if loc.kind is LocationKind.TABLE),
                    key=lambda loc: (loc.area, loc.id))
    for loc in tables:
        days: dict[str, list[SheetRow]] = defaultdict(list)
        for _, row in sorted(by_table.get(loc.id, []), key=lambda t: str(t[0])):
            days[row.start[:10]].append(row)
        sheets.append(TableSheet(loc.id, loc.name or loc.id, loc.area, sorted(days.items())))
    return sheets
