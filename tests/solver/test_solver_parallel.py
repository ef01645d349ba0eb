"""Both cores: day-disjoint search in a forked helper, its result put back, cancels that leave no child."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from benchmarks import generate as gen
from forum.checker import validate
from forum.domain import Instance
from forum.domain.instance_json import parse_instance
from forum.solver import FIRST_SCHEDULE, Progress, SolveParams, solve
from forum.solver.parallel import Helper, plan_round, put_back
from forum.solver.params import Weights
from forum.solver.solve import Run
from tests.waiting import wait_for


def festival(attendees: int = 120, wishes: int = 900) -> Instance:
    """A small generated market: three days, partial availability, pitches, groups."""
    gen.SIZES["parallel"] = (attendees, wishes)
    return parse_instance(gen.generate("parallel", seed=5))


def slotted(inst: Instance) -> Run:
    """A run up to its first schedule: pitches placed, meetings slotted."""
    run = Run(inst, SolveParams(time_limit=30, workers=2), None, None)
    run.pitches()
    assert run.slotting() == []
    return run


def helpers() -> set[int]:
    """This process's children besides those it had before (a test session's Valkey, say)."""
    return {p.pid for p in psutil.Process().children()} - BEFORE


BEFORE: set[int] = set()


@pytest.fixture(autouse=True)
def _children_before() -> None:
    BEFORE.clear()
    BEFORE.update(p.pid for p in psutil.Process().children())


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def test_parallel_solve_gives_a_valid_schedule_and_uses_a_helper() -> None:
    inst = festival()
    before = children_cpu()
    result = solve(inst, SolveParams(time_limit=6, workers=2))
    assert result.status in ("feasible", "optimal") and result.violations == []
    assert validate(inst, result.schedule) == []
    assert children_cpu() > before  # a helper process searched days beside this one
    assert not helpers()


def test_one_worker_solve_starts_no_helper() -> None:
    inst = festival(60, 400)
    before = children_cpu()
    result = solve(inst, SolveParams(time_limit=3, workers=1))
    assert result.violations == []
    assert children_cpu() == before


def test_cancel_of_a_two_process_solve_leaves_no_child() -> None:
    inst = festival()
    seen: list[int] = []

    def helper_running() -> bool:  # cancel as soon as a helper searches beside the solver
        kids = helpers()
        seen.append(len(kids))
        return bool(kids)

    result = solve(inst, SolveParams(time_limit=60, workers=2), should_stop=helper_running)
    assert max(seen) >= 1
    assert result.status == "cancelled" and result.violations == []
    assert not helpers()


def test_stop_flag_halts_a_helper_that_hands_over_its_day_and_is_reaped() -> None:
    run = slotted(festival())
    helper = Helper(run.fest, run.tt, Weights(), {0}, 600.0, seed=1)
    try:
        got = helper.collect(lambda: True, deadline=time.monotonic() + 600)
        assert got is not None and sorted(wi for wi, _ in got[1]) == sorted(helper.movable)
        wait_for(lambda: not helper.proc.is_alive(), timeout=30, what="the halted helper's exit")
    finally:
        helper.close()
    assert not helpers()


def test_helper_that_died_gives_no_answer() -> None:
    run = slotted(festival())
    helper = Helper(run.fest, run.tt, Weights(), {0}, 600.0, seed=1)
    try:
        helper.proc.kill()
        assert helper.collect(lambda: False, deadline=time.monotonic() + 600) is None
    finally:
        helper.close()
    assert not helpers()


def test_put_back_applies_a_day_the_helper_searched() -> None:
    run = slotted(festival())
    fest, tt = run.fest, run.tt
    helper = Helper(fest, tt, Weights(), {1}, 1.0, seed=2)
    try:
        got = wait_for(lambda: helper.result(0.2), timeout=30, what="the helper's answer")
    finally:
        helper.close()
    assert put_back(fest, tt, helper.movable, got[1])
    assert all(tt.at[wi] == s for wi, s in got[1])


def test_put_back_refuses_a_meeting_moved_to_another_day() -> None:
    run = slotted(festival())
    fest, tt = run.fest, run.tt
    day0 = [wi for wi in tt.met() if fest.day_of[tt.at[wi]] == 0 and wi not in tt.locked]
    other = next(s for s in range(fest.n_slots) if fest.day_of[s] == 1)
    before = list(tt.at)
    answer = [(wi, tt.at[wi]) for wi in day0]
    answer[0] = (day0[0], other)
    assert not put_back(fest, tt, day0, answer)
    assert not put_back(fest, tt, day0[1:], [(wi, tt.at[wi]) for wi in day0])  # not the meetings it was given
    assert tt.at == before


def test_plan_round_turns_days_and_shares_one_day_under_a_budget() -> None:
    rounds = [plan_round(3, 2, r) for r in range(3)]
    assert rounds == [[{0}, {1}], [{2}, {0}], [{1}, {2}]]  # every day searched twice in three rounds
    assert plan_round(1, 2, 0) == [{0}, {0}]  # fewer days than workers: a portfolio on the one day
    assert plan_round(3, 2, 1, disjoint=False) == [{1}, {1}]


def test_first_schedule_is_reported_before_the_search_with_every_meeting_placed() -> None:
    inst = festival()
    seen: list[Progress] = []
    solve(inst, SolveParams(time_limit=4, workers=2), on_progress=seen.append)
    phases = [p.phase for p in seen]
    assert FIRST_SCHEDULE in phases and phases[-1] == "done"
    first = seen[phases.index(FIRST_SCHEDULE)]
    assert first.met > 0 and first.bound is not None and first.value <= first.bound
    assert phases.index(FIRST_SCHEDULE) < phases.index("search")


def test_solve_stops_before_its_limit_once_nothing_is_left_to_gain() -> None:
    inst = festival(40, 120)
    started = time.monotonic()
    result = solve(inst, SolveParams(time_limit=120, workers=2))
    assert result.violations == []
    assert time.monotonic() - started < 60  # half the limit: the search settled, the limit did not stop it


ORPHAN = """
import sys, time
from tests.solver.test_solver_parallel import festival, slotted
from forum.solver.parallel import Helper
from forum.solver.params import Weights
run = slotted(festival())
helper = Helper(run.fest, run.tt, Weights(), {0}, 600.0, seed=1)
print(helper.proc.pid, flush=True)
time.sleep(600)
"""


def test_helper_stops_when_its_solver_process_is_killed() -> None:
    solver = subprocess.Popen([sys.executable, "-c", ORPHAN], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2])
    try:
        assert solver.stdout is not None
        helper = psutil.Process(int(solver.stdout.readline()))
        assert helper.is_running() and helper.status() != psutil.STATUS_ZOMBIE
        solver.kill()  # no finally, no close(): the helper must notice on its own
        solver.wait()
        wait_for(lambda: not helper.is_running() or helper.status() == psutil.STATUS_ZOMBIE, timeout=30,
                 what="the orphaned helper's exit")
    finally:
        solver.kill()
        solver.wait()
