"""Attendee import from CSV: every row is checked first, then all are written at once (audited) or none."""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass

from forum.domain import Attendee, Role, Window, parse_local
from forum.errors import InvalidInput
from forum.services.csv_cells import rows_to_csv, unguard
from forum.store import EventStore
from forum.store.changes import Change, apply
from forum.store.connection import Client

COLUMNS = ("id", "name", "organization", "role", "title", "country", "email", "looking_for",
           "available", "max_meetings", "max_per_day")
REQUIRED = ("id", "name")
ROLES = tuple(r.value for r in Role)
MULTILINE = {"looking_for"}  # free text may hold line breaks; a line break anywhere else is a quote left open
MAX_ROWS = 50_000
SHOWN_ERRORS = 50


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _windows(text: str) -> tuple[Window, ...] | None:
    """`2026-03-24T09:00/2026-03-24T18:00;2026-03-25T09:00/2026-03-25T13:00`; empty means always."""
    if not text.strip():
        return None
    out = []
    for part in text.split(";"):
        start, sep, end = part.strip().partition("/")
        if not sep:
            raise ValueError(f"availability {part.strip()!r} must look like START/END")
        out.append(Window(parse_local(start.strip()), parse_local(end.strip())))
    return tuple(out)


def _cap(text: str, column: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise ValueError(f"{column} must be a whole number, got {text.strip()!r}")
    return int(text)


def _role(text: str) -> str:
    role = text.strip().lower() or Role.OTHER.value
    if role not in ROLES:
        raise ValueError(f"role {text.strip()[:40]!r} is not one of {', '.join(ROLES)}")
    return role


def _attendee(row: dict[str, str]) -> Attendee:
    for column in REQUIRED:
        if not row.get(column, "").strip():
            raise ValueError(f"{column} is empty")
    for column, value in row.items():
        if column not in MULTILINE and ("\n" in value or "\r" in value):
            raise ValueError(f"{column} runs over several lines: a quote (\") is probably left open on this line")
    return Attendee(
        id=row["id"].strip(), name=row["name"].strip(), organization=row.get("organization", "").strip(),
        role=_role(row.get("role", "")), title=row.get("title", "").strip(), country=row.get("country", "").strip(),
        email=row.get("email", "").strip(), looking_for=row.get("looking_for", "").strip(),
        available=_windows(row.get("available", "")),
        max_meetings=_cap(row.get("max_meetings", ""), "max_meetings"),
        max_per_day=_cap(row.get("max_per_day", ""), "max_per_day"),
    )


def _records(text: str) -> tuple[list[tuple[int, list[str]]], RowError | None]:
    """Each record with the line it starts on; a quote never closed stops the reading with its line."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if len(records) > MAX_ROWS:
                return records, RowError(start, f"more than {MAX_ROWS} rows")
            records.append((start, [unguard(c) for c in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        return records, RowError(start, f"a quoted field is not closed properly ({exc}); check the quotes (\") "
                                        "from this line on")
    return records, None


def _header(cells: list[str]) -> tuple[list[str], list[RowError]]:
    header = [h.strip() for h in cells]
    errors = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        errors.append(RowError(1, f"missing column(s) {', '.join(missing)}"))
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        errors.append(RowError(1, f"unknown column(s) {', '.join(repr(h[:40]) for h in unknown[:10])}"))
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        errors.append(RowError(1, f"column(s) {', '.join(twice[:10])} appear more than once"))
    if errors:
        errors.append(RowError(1, f"the columns are {', '.join(COLUMNS)} (id and name required)"))
    return header, errors


def parse_attendees(text: str) -> tuple[list[Attendee], list[RowError]]:
    """All attendees of the file and every error found, each with its line number."""
    records, broken = _records(text)
    if not records:
        return [], [broken or RowError(1, f"the file is empty; the columns are {', '.join(COLUMNS)}")]
    header, errors = _header(records[0][1])
    if errors:
        return [], errors
    attendees: list[Attendee] = []
    seen: dict[str, int] = {}
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) > len(header):
            errors.append(RowError(line, f"{len(cells)} fields but {len(header)} columns"))
            continue
        try:
            attendee = _attendee(dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=True)))
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if attendee.id in seen:
            errors.append(RowError(line, f"id {attendee.id!r} already used on line {seen[attendee.id]}"))
            continue
        seen[attendee.id] = line
        attendees.append(attendee)
    return attendees, errors + ([broken] if broken else [])


def import_attendees(client: Client, event: str, text: str, who: str) -> int:
    """Add or update the attendees of the CSV `text` with their audit entry; nothing is written when any row
    is wrong."""
    store = EventStore(client)
    store.get(event)
    attendees, errors = parse_attendees(text)
    if errors:
        listing = "\n".join(str(e) for e in errors[:SHOWN_ERRORS])
        more = f"\n... and {len(errors) - SHOWN_ERRORS} more" if len(errors) > SHOWN_ERRORS else ""
        raise InvalidInput(f"nothing was imported; {len(errors)} problem(s) to fix:\n{listing}{more}")
    if not attendees:
        raise InvalidInput("nothing was imported; the file has no attendee rows")
    known = set(store.entities(event, Attendee).ids())
    added = sum(1 for a in attendees if a.id not in known)
    entry = {"at": time.time(), "who": who, "action": "import attendees", "meeting": "",
             "detail": f"{len(attendees)} attendees from CSV ({added} new, {len(attendees) - added} updated)"}
    apply(client, event, (), lambda: Change(put={Attendee: attendees}, audit=entry))
    return len(attendees)


def _blank_if_none(cap: int | None) -> object:
    return "" if cap is None else cap  # a cap of 0 is a cap, not an empty cell


def export_attendees(client: Client, event: str) -> str:
    """Every attendee in the import's columns; cells that a spreadsheet would run are guarded (csv_cells)."""
    rows = []
    for a in sorted(EventStore(client).entities(event, Attendee).all(), key=lambda a: a.id):
        available = ";".join(f"{w.start:%Y-%m-%dT%H:%M}/{w.end:%Y-%m-%dT%H:%M}" for w in a.available or ())
        rows.append([a.id, a.name, a.organization, a.role, a.title, a.country, a.email, a.looking_for,
                     available, _blank_if_none(a.max_meetings), _blank_if_none(a.max_per_day)])
    return rows_to_csv(COLUMNS, rows)
