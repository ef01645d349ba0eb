"""Read and write the `forum-schedule/1` JSON format."""

from __future__ import annotations

from typing import Any

from forum.domain import fields as f
from forum.domain.instance import Schedule, Unscheduled, Why, WhyCode
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
    unscheduled = [parse_unscheduled(u, f"unscheduled[{i}]") for i, u in enumerate(f.items(doc, "unscheduled", ""))]
    stats = doc.get("stats") or {}
    if not isinstance(stats, dict):
        raise FormatError("stats", "must be an object")
    return Schedule(meetings, tuple(pitches), tuple(unscheduled), dict(stats))


def dump_schedule(schedule: Schedule) -> dict[str, Any]:
    return {
        "format": SCHEDULE_FORMAT,
        "meetings": [{"wish": m.wish, "slot": m.slot, "location": m.location} for m in schedule.meetings],
        "pitches": [{"project": p.project, "slot": p.slot} for p in schedule.pitches],
        "unscheduled": [dump_unscheduled(u) for u in schedule.unscheduled],
        "stats": dict(schedule.stats),
    }


def parse_why(value: Any, path: str) -> Why:
    d = f.obj(value, path)
    code = f.text(d, "code", path)
    try:
        kind = WhyCode(code)
    except ValueError:
        raise FormatError(f"{path}.code", f"unknown reason code {code!r}") from None
    return Why(kind, f.ids(d, "who", path) or (), f.integer(d, "limit", path), f.ids(d, "slots", path) or (),
               f.ids(d, "wishes", path) or ())


def parse_unscheduled(value: Any, path: str) -> Unscheduled:
    d = f.obj(value, path)
    why = parse_why(d["why"], f"{path}.why") if d.get("why") is not None else None
    return Unscheduled(f.ident(d, "wish", path), f.text(d, "reason", path, ""), why)


def dump_why(why: Why) -> dict[str, Any]:
    """Only the fields a code uses, so that a schedule of thousands of unmet wishes stays small."""
    out: dict[str, Any] = {"code": why.code.value}
    for key in ("who", "slots", "wishes"):
        if getattr(why, key):
            out[key] = list(getattr(why, key))
    if why.limit is not None:
        out["limit"] = why.limit
    return out


def dump_unscheduled(u: Unscheduled) -> dict[str, Any]:
    out: dict[str, Any] = {"wish": u.wish, "reason": u.reason}
    if u.why is not None:
        out["why"] = dump_why(u.why)
    return out
