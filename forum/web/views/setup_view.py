"""What the setup page shows: the event's days, slots, tables by area, pitch sessions and caps per role."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from forum.domain import Attendee, PitchSession, Slot
from forum.services.setup.setup_state import SetupState


@dataclass(frozen=True)
class SetupView:
    name: str
    days: list[str]
    meeting_slots: int
    first: str
    last: str
    minutes: int
    areas: list[tuple[str, int]]
    sessions: list[PitchSession]
    roles: list[tuple[str, int, str]]  # role, attendees, caps as seen on the first one
    breaks: dict[str, list[str]]  # day → holes between its meeting slots
    timezone: str
    max_open_requests: int
    attendees: int  # how many an import of the whole event replaces


def breaks_of(slots: list[Slot]) -> dict[str, list[str]]:
    """Per day, the holes between consecutive meeting slots ('12:30-14:30')."""
    by_day: dict[str, list[str]] = defaultdict(list)
    for a, b in zip(slots, slots[1:], strict=False):
        if a.start.date() == b.start.date() and b.start > a.end:
            by_day[f"{a.start:%Y-%m-%d}"].append(f"{a.end:%H:%M}-{b.start:%H:%M}")
    return dict(by_day)


def _caps(person: Attendee) -> str:
    total = "no cap" if person.max_meetings is None else f"{person.max_meetings} in all"
    return total + ("" if person.max_per_day is None else f", {person.max_per_day} per day")


def setup_view(found: SetupState) -> SetupView:
    """The form's current values: the first day's hours stand for every day (saving gives all days the same)."""
    slots, people = found.meeting_slots, found.attendees
    first_of: dict[str, Attendee] = {}
    for a in people:
        first_of.setdefault(a.role, a)
    roles = Counter(a.role for a in people)
    return SetupView(
        found.event.name, sorted({f"{s.start:%Y-%m-%d}" for s in slots}), len(slots),
        min((f"{s.start:%H:%M}" for s in slots), default="09:00"),
        max((f"{s.end:%H:%M}" for s in slots), default="18:00"),
        int((slots[0].end - slots[0].start).total_seconds() // 60) if slots else 30,
        sorted(Counter(t.area or "-" for t in found.tables).items()),
        found.sessions,
        [(role, n, _caps(first_of[role])) for role, n in sorted(roles.items())],
        breaks_of(slots),
        found.event.timezone,
        found.event.max_open_requests,
        len(people),
    )
