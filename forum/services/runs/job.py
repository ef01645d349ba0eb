"""Executing one run in a worker: load, build, solve with progress and stop flag, validate, keep the draft."""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from forum.checker import validate
from forum.domain import RunStatus, Schedule, SolverRun
from forum.services import notify
from forum.services.runs.instance_builder import build_instance
from forum.services.runs.lifecycle import finish_run
from forum.services.runs.ticker import Ticker
from forum.solver import SolveParams, SolveResult, Weights, solve
from forum.store.connection import Client
from forum.store.flags import Flags
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore

log = logging.getLogger("forum.worker")
REPAIR_PREFIX = "repair-"


def is_repair(run_id: str) -> bool:
    return run_id.startswith(REPAIR_PREFIX)


def execute_run(client: Client, event: str, run_id: str, workers: int) -> SolverRun | None:
    """Run a queued run to its end; None when it was cancelled (or reaped) before it could start."""
    started = RunStore(client).transition(event, run_id, (RunStatus.QUEUED,),
                                          lambda r: replace(r, status=RunStatus.RUNNING, started_at=time.time()))
    if started is None:
        return None
    notify.run_changed(client, started)
    try:
        with Ticker(client, event, run_id, started.time_limit) as ticker:
            result = _solve(client, started, workers, ticker)
        return _conclude(client, started, result)
    except Exception as exc:
        log.exception("run %s of %s failed", run_id, event)
        return finish_run(client, run_id, event, RunStatus.FAILED, f"{type(exc).__name__}: {exc}",
                          (RunStatus.RUNNING,))
    finally:
        Flags(client).clear(event, run_id)


def _solve(client: Client, run: SolverRun, workers: int, ticker: Ticker) -> SolveResult:
    instance = build_instance(client, run.event, repair=is_repair(run.id))
    # What the run starts from, so that its publish applies only its own changes (see publish.Merge).
    ScheduleStore(client).save_base(run.event, run.id, Schedule(instance.previous))
    params = SolveParams(time_limit=run.time_limit, workers=workers, weights=Weights(**run.weights))
    result = solve(instance, params, on_progress=ticker.on_progress, should_stop=ticker.should_stop)
    if result.schedule.meetings or result.schedule.pitches:
        result.violations = validate(instance, result.schedule)  # the solver-free checker has the last word
    return result


def _conclude(client: Client, run: SolverRun, result: SolveResult) -> SolverRun | None:
    if result.status == "infeasible":
        reason = "infeasible: " + "; ".join(result.conflicts[:5])
        return finish_run(client, run.id, run.event, RunStatus.FAILED, reason, (RunStatus.RUNNING,))
    if result.violations:
        reason = f"the schedule broke {len(result.violations)} rules, first: {result.violations[0]}"
        return finish_run(client, run.id, run.event, RunStatus.FAILED, reason, (RunStatus.RUNNING,))
    ScheduleStore(client).save_draft(run.event, run.id, result.schedule)
    figures = {k: float(v) for k, v in result.figures.items() if isinstance(v, int | float)}
    figures["optimal"] = 1.0 if result.status == "optimal" else 0.0
    cancelled = result.status == "cancelled"
    status = RunStatus.CANCELLED if cancelled else RunStatus.FINISHED
    reason = "stopped by an organizer; the best schedule found so far is kept" if cancelled else ""

    def change(r: SolverRun) -> SolverRun:
        return replace(r, status=status, figures=figures, reason=reason, finished_at=time.time())

    done = RunStore(client).transition(run.event, run.id, (RunStatus.RUNNING,), change, release=True)
    if done is not None:
        notify.run_changed(client, done)
    return done
