"""`forum solve` and `forum check` on files: exit codes, messages, and schedules that pass check."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from forum.cli import solving
from tests.solver.solver_builders import doc


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="forum")
    solving.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def write(tmp_path: Path, name: str, content: Any) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def small() -> dict[str, Any]:
    return doc(attendees=["s1", "s2", "b1"], wishes=[("w1", "s1", "b1"), ("w2", "s2", "b1")])


def test_solve_then_check_exit_zero_with_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inst = write(tmp_path, "inst.json", small())
    out = str(tmp_path / "sched.json")
    assert run_cli("solve", inst, "--time-limit", "2", "--out", out) == 0
    written = json.loads(Path(out).read_text())
    assert written["format"] == "forum-schedule/1" and written["stats"]["bound"] == 2
    assert "value" in capsys.readouterr().err
    assert run_cli("check", inst, out) == 0
    assert json.loads(capsys.readouterr().out) == {"value": 2, "met": 2, "unserved": 0, "gaps": 0, "moved": 0}


def test_check_exit_one_lists_broken_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inst = write(tmp_path, "inst.json", small())
    bad = {"meetings": [{"wish": "w1", "slot": "s24-0", "location": "T0"},
                        {"wish": "w2", "slot": "s24-0", "location": "T1"}]}
    assert run_cli("check", inst, write(tmp_path, "bad.json", bad)) == 1
    out = capsys.readouterr().out
    assert "rule 3" in out and "b1" in out and "w1" in out and "w2" in out


def test_check_exit_two_on_malformed_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = small()
    broken["wishes"][0]["weight"] = "high"
    inst = write(tmp_path, "inst.json", broken)
    sched = write(tmp_path, "s.json", {"meetings": []})
    assert run_cli("check", inst, sched) == 2
    assert "wishes[0].weight" in capsys.readouterr().err


def test_check_exit_two_on_missing_file_and_bad_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inst = write(tmp_path, "inst.json", small())
    assert run_cli("check", inst, str(tmp_path / "nope.json")) == 2
    assert run_cli("check", inst, write(tmp_path, "x.json", "{not json")) == 2
    assert run_cli("check", inst, write(tmp_path, "m.json", {"meetings": [{"wish": "w1"}]})) == 2
    err = capsys.readouterr().err
    assert "nope.json" in err and "not valid JSON" in err and "meetings[0].slot" in err


def test_solve_exit_one_names_conflicting_fixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clash = doc(attendees=["s1", "b1", "b2"], wishes=[("w1", "s1", "b1"), ("w2", "s1", "b2")],
                fixed=[{"wish": "w1", "slot": "s24-0", "location": "T0"},
                       {"wish": "w2", "slot": "s24-0", "location": "T1"}])
    inst = write(tmp_path, "inst.json", clash)
    assert run_cli("solve", inst, "--time-limit", "2", "--out", str(tmp_path / "o.json")) == 1
    err = capsys.readouterr().err
    assert "infeasible" in err and "w1" in err and "w2" in err


def test_solve_exit_two_on_unknown_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = small()
    broken["wishes"][0]["to"] = "nobody"
    inst = write(tmp_path, "inst.json", broken)
    assert run_cli("solve", inst, "--out", str(tmp_path / "o.json")) == 2
    assert "wishes[0].to" in capsys.readouterr().err
