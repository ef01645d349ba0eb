"""Property: every schedule solve() writes passes the validator (as `forum check` would read it)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.checker import quality, validate
from forum.domain.instance_json import parse_instance
from forum.domain.schedule_json import dump_schedule, parse_schedule
from forum.solver import SolveParams, solve
from tests.solver.solver_builders import slots


@st.composite
def instances(draw: Any) -> dict[str, Any]:
    n_people = draw(st.integers(2, 6))
    day_slots = slots(draw(st.integers(2, 5))) + slots(draw(st.integers(0, 3)), day="2026-03-25")
    people = []
    for i in range(n_people):
        person: dict[str, Any] = {"id": f"a{i}", "name": f"a{i}"}
        if draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(day_slots), min_size=1, unique_by=lambda s: s["id"]))
            person["available"] = [{"start": s["start"], "end": s["end"]} for s in chosen]
        if draw(st.booleans()):
            person["max_meetings"] = draw(st.integers(0, 3))
        if draw(st.booleans()):
            person["max_per_day"] = draw(st.integers(1, 2))
        people.append(person)
    pairs = draw(st.lists(st.tuples(st.integers(0, n_people - 1), st.integers(0, n_people - 1)), max_size=12))
    wishes = []
    for k, (a, b) in enumerate(pairs):
        if a == b:
            continue
        wish: dict[str, Any] = {"id": f"w{k}", "from": f"a{a}", "to": f"a{b}", "weight": draw(st.integers(1, 10))}
        extra = draw(st.integers(0, n_people - 1))
        if extra not in (a, b) and draw(st.integers(0, 4)) == 0:
            wish["with"] = [f"a{extra}"]
        wish["required"] = draw(st.integers(0, 6)) == 0
        wishes.append(wish)
    doc: dict[str, Any] = {"slots": day_slots, "attendees": people, "wishes": wishes,
                           "locations": [{"id": f"T{k}", "kind": "table"} for k in range(draw(st.integers(1, 3)))]}
    if draw(st.booleans()):
        doc["slots"] = doc["slots"] + [
            {"id": "p1", "start": "2026-03-24T09:00", "end": "2026-03-24T09:15", "kind": "pitch"},
            {"id": "p2", "start": "2026-03-24T09:15", "end": "2026-03-24T09:30", "kind": "pitch"}]
        doc["locations"].append({"id": "R1", "kind": "room"})
        doc["pitch_sessions"] = [{"id": "ps", "location": "R1", "panel": ["a0"], "slots": ["p1", "p2"]}]
        doc["projects"] = [{"id": "pr1", "title": "P", "presenters": [f"a{n_people - 1}"]}]
    if wishes and draw(st.booleans()):
        doc["previous"] = [{"wish": wishes[0]["id"], "slot": day_slots[0]["id"], "location": "T0"}]
    if wishes and draw(st.integers(0, 3)) == 0:  # often contradictory: then solve must say infeasible
        slot = draw(st.sampled_from(day_slots))["id"]
        doc["fixed"] = [{"wish": wishes[-1]["id"], "slot": slot, "location": "T0"}]
    return doc


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_solve_writes_schedules_that_pass_check(doc: dict[str, Any]) -> None:
    inst = parse_instance(doc)
    result = solve(inst, SolveParams(time_limit=0.6, workers=1))
    if result.status == "infeasible":
        assert result.conflicts
        return
    written = parse_schedule(dump_schedule(result.schedule))
    assert validate(inst, written) == []
    figures = quality(inst, written)
    assert figures == {k: result.figures[k] for k in figures}
    assert result.figures["bound"] >= figures["value"]
    met = {m.wish for m in written.meetings}
    assert {u.wish for u in written.unscheduled} == {w.id for w in inst.wishes} - met
