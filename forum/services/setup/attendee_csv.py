"""Attendee import from CSV: every row is checked first, then all are written at once or none."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from forum.domain import Attendee, Window, parse_local
from forum.errors import InvalidInput
from forum.store import EventStore
from forum.store.connection import Client

COLUMNS = ("id", "name", "organization", "role", "title", "country", "email", "looking_for",
           "available", "max_meetings", "max_per_day")
REQUIRED = ("id", "name")
MAX_ROWS = 50_000


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


def _attendee(row: dict[str, str]) -> Attendee:
    for column in REQUIRED:
        if not (row.get(column) or "").strip():
            raise ValueError(f"{column} is empty")
    return Attendee(
        id=row["id"].strip(), name=row["name"].strip(),
        organization=(row.get("organization") or "").strip(),
        role=(row.get("role") or "other").strip().lower() or "other",
        title=(row.get("title") or "").strip(), country=(row.get("country") or "").strip(),
        email=(row.get("email") or "").strip(), looking_for=(row.get("looking_for") or "").strip(),
        available=_windows(row.get("available") or ""),
        max_meetings=_cap(row.get("max_meetings") or "", "max_meetings"),
        max_per_day=_cap(row.get("max_per_day") or "", "max_per_day"),
    )


def parse_attendees(text: str) -> tuple[list[Attendee], list[RowError]]:
    """All attendees of the file and every error found, each with its line number."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [RowError(1, f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")]
    reader.fieldnames = header
    attendees: list[Attendee] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if len(attendees) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, f"more than {MAX_ROWS} rows"))
            break
        if None in row:
            errors.append(RowError(line, "more fields than columns"))
            continue
        try:
            attendee = _attendee(row)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if attendee.id in seen:
            errors.append(RowError(line, f"id {attendee.id!r} already used on line {seen[attendee.id]}"))
            continue
        seen[attendee.id] = line
        attendees.append(attendee)
    return attendees, errors


def import_attendees(client: Client, event: str, text: str) -> int:
    """Add or update the attendees of the CSV `text`; nothing is written when any row is wrong."""
    store = EventStore(client)
    store.get(event)
    attendees, errors = parse_attendees(text)
    if errors:
        listing = "\n".join(str(e) for e in errors[:50])
        more = f"\n... and {len(errors) - 50} more" if len(errors) > 50 else ""
        raise InvalidInput(f"nothing was imported; {len(errors)} row(s) need fixing:\n{listing}{more}")
    if not attendees:
        raise InvalidInput("nothing was imported; the file has no attendee rows")
    store.entities(event, Attendee).put(*attendees)
    return len(attendees)


def export_attendees(client: Client, event: str) -> str:
    store = EventStore(client)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for a in sorted(store.entities(event, Attendee).all(), key=lambda a: a.id):
        available = ";".join(f"{w.start:%Y-%m-%dT%H:%M}/{w.end:%Y-%m-%dT%H:%M}" for w in a.available or ())
        writer.writerow([a.id, a.name, a.organization, a.role, a.title, a.country, a.email, a.looking_for,
                         available, a.max_meetings or "", a.max_per_day or ""])
    return out.getvalue()
