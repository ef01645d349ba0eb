"""Read and write the `forum-schedule/1` JSON format."""

from __future__ import annotations

from typing import Any

from forum.domain import fields as f
from forum.domain.instance import Schedule, Unscheduled
from forum.domain.instance_json import placement
from forum.domain.wish import PitchPlacement
from forum.errors import FormatError

SCHEDULE_FORMAT = "forum-schedule/1"


def parse_schedule(doc: Any) -> Schedule:
    doc = f.obj(doc, "document")
    fmt = doc.get("format", SCHEDULE_FORMAT)
    if fmt != SCHEDULE_FORMAT:
        raise FormatError("format", f"expected {SCHEDULE_FORMAT!r}, got {fmt!r}")
    meetings = tuple(placement(m, f"meetings[{i}]") for i, m in enumerate(f.items(doc, "meetings", "", True)))
    pitches = []
    for i, p in enumerate(f.items(doc, "pitches", "")):
        d = f.obj(p, f"pitches[{i}]")
        pitches.append(PitchPlacement(f.ident(d, "project", f"pitches[{i}]"), f.ident(d, "slot", f"pitches[{i}]")))
    unscheduled = []
    for i, u in enumerate(f.items(doc, "unscheduled", "")):
        d = f.obj(u, f"unscheduled[{i}]")
        unscheduled.append(Unscheduled(f.ident(d, "wish", f"unscheduled[{i}]"),
                                       f.text(d, "reason", f"unscheduled[{i}]", "")))
    stats = doc.get("stats") or {}
    if not isinstance(stats, dict):
        raise FormatError("stats", "must be an object")
    return Schedule(meetings, tuple(pitches), tuple(unscheduled), dict(stats))


def dump_schedule(schedule: Schedule) -> dict[str, Any]:
    return {
        "format": SCHEDULE_FORMAT,
        "meetings": [{"wish": m.wish, "slot": m.slot, "location": m.location} for m in schedule.meetings],
        "pitches": [{"project": p.project, "slot": p.slot} for p in schedule.pitches],
        "unscheduled": [{"wish": u.wish, "reason": u.reason} for u in schedule.unscheduled],
        "stats": dict(schedule.stats),
    }
