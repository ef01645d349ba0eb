"""What the meetings page shows: the published meetings with names and times, and the move form's choices."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain import Meeting, SlotKind
from forum.services.schedule.listing import ScheduleListing

LIMIT = 200  # rows on one page; filter to find the rest


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    when: str
    table: str
    who: str


@dataclass(frozen=True)
class MeetingsView:
    rows: list[MeetingRow]
    total: int
    slots: list[tuple[str, str]]  # (id, label)
    tables: list[tuple[str, str]]


def meetings_view(found: ScheduleListing, query: str, status: str = "") -> MeetingsView:
    """The meetings whose id, time, table or names contain `query`, with `status` if given; by time and table."""
    slots, tables, wishes, names = found.slots, found.tables, found.wishes, found.names
    words = query.strip().lower()[:100]
    rows = []
    for m in found.meetings:
        slot, wish = slots.get(m.slot), wishes.get(m.wish)
        when = f"{slot.start:%a %d %b %H:%M}" if slot else m.slot
        table = tables[m.location].name if m.location in tables and tables[m.location].name else m.location
        who = " · ".join(f"{names.get(p, p)} ({p})" for p in (wish.participants if wish else ()))
        if status and m.status.value != status:
            continue
        if words and words not in f"{m.id} {m.slot} {when} {m.location} {table} {who}".lower():
            continue
        rows.append((slot.start if slot else None, MeetingRow(m, when, table, who)))
    rows.sort(key=lambda r: (str(r[0]), r[1].meeting.location))
    meeting_slots = sorted((s for s in slots.values() if s.kind is SlotKind.MEETING), key=lambda s: s.start)
    return MeetingsView([r for _, r in rows[:LIMIT]], len(rows),
                        [(s.id, f"{s.start:%a %d %b %H:%M}") for s in meeting_slots],
                        [(t.id, f"{t.name or t.id} ({t.area})" if t.area else t.name or t.id)
                         for t in sorted(tables.values(), key=lambda t: t.id)])
