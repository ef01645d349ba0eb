"""Reading the setup forms: times like 13:00-14:00, 'area: count' lines, id lists, into the services' typed plans.

Only the shape of the text is checked here; the rules about the values (ranges, limits, known ids) are the
services' and give the same messages whoever calls them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from datetime import time as clock

from starlette.datastructures import FormData

from forum.errors import InvalidInput
from forum.services.setup.event_settings import EventSettings
from forum.services.setup.event_setup import Caps, PitchPlan, ProjectPlan, SlotPlan, TableArea
from forum.web.forms import field

SEPARATORS = re.compile(r"[\s,;]+")


def clock_of(text: str, what: str) -> clock:
    found = re.fullmatch(r"\s*(\d{1,2})[:h](\d{2})\s*", text or "")
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise InvalidInput(f"{what} must be a time like 09:00, got {text!r}")
    return clock(int(found[1]), int(found[2]))


def whole(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} must be a whole number, got {text!r}") from None


def days_of(text: str) -> tuple[date, ...]:
    """Dates separated by spaces, commas or semicolons; sorted, each once."""
    days = set()
    for part in SEPARATORS.split(text.strip()):
        try:
            days.add(date.fromisoformat(part))
        except ValueError:
            raise InvalidInput(f"days must be dates like 2026-03-24, got {part!r}") from None
    return tuple(sorted(days))


def breaks_of(text: str) -> tuple[tuple[clock, clock], ...]:
    """'13:00-14:00; 16:00-16:15' → pairs of times."""
    found = []
    for part in [p for p in re.split(r"[;,]", text) if p.strip()]:
        bits = part.split("-")
        if len(bits) != 2:
            raise InvalidInput(f"breaks look like 13:00-14:00, got {part.strip()!r}")
        found.append((clock_of(bits[0], "break start"), clock_of(bits[1], "break end")))
    return tuple(found)


def ids_of(text: str) -> tuple[str, ...]:
    """Attendee ids separated by spaces, commas or semicolons."""
    return tuple(x for x in SEPARATORS.split(text) if x)


def slot_plan(form: FormData) -> SlotPlan:
    return SlotPlan(days_of(field(form, "days")), clock_of(field(form, "start"), "start"),
                    clock_of(field(form, "end"), "end"), whole(field(form, "minutes"), "slot length"),
                    breaks_of(field(form, "breaks")))


def table_areas(text: str) -> list[TableArea]:
    """Lines 'AREA: COUNT', blank lines skipped."""
    areas = []
    for n, line in enumerate([x for x in text.splitlines() if x.strip()], start=1):
        area, sep, count = line.rpartition(":")
        if not sep or not area.strip():
            raise InvalidInput(f"line {n}: write tables as 'area: count', e.g. 'Hall A: 40', got {line.strip()!r}")
        areas.append(TableArea(area.strip(), whole(count, f"line {n}: table count")))
    return areas


def projects_of(text: str) -> tuple[ProjectPlan, ...]:
    """Lines 'Title | presenter ids', blank lines skipped."""
    projects = []
    for n, line in enumerate([x for x in text.splitlines() if x.strip()], start=1):
        title, sep, presenters = line.partition("|")
        if not sep or not title.strip():
            raise InvalidInput(f"project line {n}: write 'Title | presenter ids', got {line.strip()[:80]!r}")
        projects.append(ProjectPlan(title.strip(), ids_of(presenters)))
    return tuple(projects)


def pitch_plan(form: FormData) -> PitchPlan:
    day, start = days_of(field(form, "day"))[0], clock_of(field(form, "start"), "start")
    return PitchPlan(
        ident=field(form, "id"), start=datetime.combine(day, start), count=whole(field(form, "count"), "pitch count"),
        minutes=whole(field(form, "minutes"), "pitch length"), panel=ids_of(field(form, "panel")),
        projects=projects_of(field(form, "projects")), name=field(form, "name"), room=field(form, "room"),
    )


def cap_of(text: str, what: str) -> int | None:
    """An empty field is no cap."""
    return whole(text, what) if text.strip() else None


def caps_of(form: FormData) -> Caps:
    return Caps(cap_of(field(form, "max_meetings", 10), "meetings in all"),
                cap_of(field(form, "max_per_day", 10), "meetings per day"))


def event_settings(form: FormData) -> EventSettings:
    return EventSettings(field(form, "timezone", 64), whole(field(form, "max_open_requests", 10),
                                                             "open requests per attendee"))
