"""`forum check --max-moved` refuses a schedule that moved more published meetings than the budget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_solving import run_cli, write
from tests.solver.solver_builders import doc


def _instance() -> dict:
    return doc(attendees=["a1", "b1", "b2"], wishes=[("w1", "a1", "b1"), ("w2", "a1", "b2")],
               previous=[{"wish": "w1", "slot": "s24-0", "location": "T0"},
                         {"wish": "w2", "slot": "s24-3", "location": "T0"}])


def _moved_one() -> dict:
    return {"format": "forum-schedule/1", "meetings": [{"wish": "w1", "slot": "s24-0", "location": "T0"},
                                                        {"wish": "w2", "slot": "s24-1", "location": "T0"}]}


def test_check_with_a_budget_refuses_a_schedule_over_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inst, sched = write(tmp_path, "inst.json", _instance()), write(tmp_path, "sched.json", _moved_one())
    assert run_cli("check", inst, sched, "--max-moved", "0") == 1
    assert "rule 7 (moves within the budget)" in capsys.readouterr().out
    assert run_cli("check", inst, sched, "--max-moved", "50%") == 0


def test_solve_with_a_budget_moves_within_it(tmp_path: Path) -> None:
    inst, out = write(tmp_path, "inst.json", _instance()), str(tmp_path / "out.json")
    assert run_cli("solve", inst, "--time-limit", "2", "--out", out, "--max-moved", "0") == 0
    assert json.loads(Path(out).read_text())["stats"]["moved"] == 0
    assert run_cli("check", inst, out, "--max-moved", "0") == 0


def test_check_with_a_malformed_budget_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inst, sched = write(tmp_path, "inst.json", _instance()), write(tmp_path, "sched.json", _moved_one())
    assert run_cli("check", inst, sched, "--max-moved", "lots") == 2
    assert "max_moved must be a whole number" in capsys.readouterr().err
