"""Tiny festival instances for the solver tests, written as instance-format dicts."""

from __future__ import annotations

from typing import Any

from forum.domain import Instance, Placement, Schedule
from forum.domain.instance_json import parse_instance
from forum.solver import SolveParams, SolveResult, solve


def slots(n: int = 4, day: str = "2026-03-24", start_hour: int = 9) -> list[dict[str, Any]]:
    out = []
    for k in range(n):
        h, m = start_hour + k // 2, 30 * (k % 2)
        h2, m2 = start_hour + (k + 1) // 2, 30 * ((k + 1) % 2)
        out.append({"id": f"s{day[-2:]}-{k}", "start": f"{day}T{h:02d}:{m:02d}", "end": f"{day}T{h2:02d}:{m2:02d}",
                    "kind": "meeting"})
    return out


def doc(attendees: list[str] | list[dict[str, Any]], wishes: list[tuple[Any, ...]] | list[dict[str, Any]],
        n_slots: int = 4, tables: int = 2, **extra: Any) -> dict[str, Any]:
    """An instance document: attendees by id (or full dicts), wishes as (id, from, to) or dicts."""
    people = [a if isinstance(a, dict) else {"id": a, "name": a} for a in attendees]
    wish_docs = [w if isinstance(w, dict) else {"id": w[0], "from": w[1], "to": w[2]} for w in wishes]
    d: dict[str, Any] = {"format": "forum-instance/1", "event": {"name": "Test"}, "slots": slots(n_slots),
                         "locations": [{"id": f"T{k}", "kind": "table"} for k in range(tables)],
                         "attendees": people, "wishes": wish_docs}
    for key, value in extra.items():
        if key == "more_slots":
            d["slots"] = d["slots"] + value
        elif key == "more_locations":
            d["locations"] = d["locations"] + value
        else:
            d[key] = value
    return d


def build(**kwargs: Any) -> Instance:
    return parse_instance(doc(**kwargs))


def run(inst: Instance, seconds: float = 1.0) -> SolveResult:
    return solve(inst, SolveParams(time_limit=seconds, workers=1))


def placed(result: SolveResult) -> dict[str, Placement]:
    return {m.wish: m for m in result.schedule.meetings}


def schedule(meetings: list[tuple[str, str, str]], pitches: list[tuple[str, str]] = ()) -> Schedule:  # type: ignore[assignment]
    from forum.domain import PitchPlacement

    return Schedule(tuple(Placement(*m) for m in meetings), tuple(PitchPlacement(*p) for p in pitches))
