"""A small generated festival: solve, then re-solve with accepted meetings, added wishes and `previous`."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import generate as gen
from benchmarks.solver import resolve_instance
from forum.checker import validate
from forum.domain.instance_json import parse_instance
from forum.domain.schedule_json import dump_schedule
from forum.solver import SolveParams, solve


def test_solve_generated_festival_then_resolve_keeps_fixed_and_moves_few(tmp_path: Path) -> None:
    gen.SIZES["tiny"] = (80, 600)
    doc = gen.generate("tiny", seed=3)
    inst = parse_instance(doc)
    first = solve(inst, SolveParams(time_limit=4, workers=1))
    assert first.status == "feasible" and first.violations == []
    assert first.figures["value"] <= first.figures["bound"]
    assert len(first.schedule.pitches) == len(inst.projects)
    path = tmp_path / "first.json"
    path.write_text(json.dumps(dump_schedule(first.schedule)))
    again_doc = resolve_instance(doc, str(path))
    again = parse_instance(again_doc)
    second = solve(again, SolveParams(time_limit=4, workers=1))
    assert second.status != "infeasible", second.conflicts
    assert second.violations == [] and validate(again, second.schedule) == []
    assert set(again.fixed) <= set(second.schedule.meetings)
    assert second.figures["moved"] <= 0.05 * len(again.previous)
