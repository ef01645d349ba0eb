"""Executing one run in a worker: load, build, solve with progress and stop flag, validate, keep the draft."""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from forum.checker import validate
from forum.domain import Instance, RunStatus, Schedule, SolverRun
from forum.domain.moves import moves_allowed
from forum.services import notify
from forum.services.runs.instance_builder import build_run_instance, relax
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
            result, note = _solve(client, started, workers, ticker)
        return _conclude(client, started, result, note)
    except Exception as exc:
        log.exception("run %s of %s failed", run_id, event)
        return finish_run(client, run_id, event, RunStatus.FAILED, f"{type(exc).__name__}: {exc}",
                          (RunStatus.RUNNING,))
    finally:
        Flags(client).clear(event, run_id)


def params_for(run: SolverRun, instance: Instance, workers: int) -> SolveParams:
    """The run's limit and weights, and its moves budget as a count of this instance's published entries."""
    budget = moves_allowed(run.max_moved, len(instance.previous) + len(instance.previous_pitches))
    return SolveParams(time_limit=run.time_limit, workers=workers, weights=Weights(**run.weights), max_moved=budget)


def _solve(client: Client, run: SolverRun, workers: int, ticker: Ticker) -> tuple[SolveResult, str]:
    """The result and a note for the organizers (empty unless accepted requests had to wait)."""
    built = build_run_instance(client, run.event, repair=is_repair(run.id))
    instance, note = built.instance, ""
    # What the run starts from, so that its publish applies only its own changes (see publish.Merge).
    ScheduleStore(client).save_base(run.event, run.id, Schedule(instance.previous, instance.previous_pitches))
    params = params_for(run, instance, workers)
    result = solve(instance, params, on_progress=ticker.on_progress, should_stop=ticker.should_stop)
    if result.status == "infeasible" and built.promoted and not ticker.should_stop():
        # Accepted requests that cannot all be placed must not fail the whole run: they wait, optional, for a
        # later one, and the left-out page lists them. The retry gets what is left of the time limit.
        note = (f"accepted requests {', '.join(built.promoted[:10])} could not all be placed and wait for a "
                f"later run ({'; '.join(result.conflicts[:2])})")
        instance = relax(instance, built.promoted)
        left = max(1.0, run.time_limit - float(result.figures.get("seconds", 0.0)))
        result = solve(instance, replace(params, time_limit=left), on_progress=ticker.on_progress,
                       should_stop=ticker.should_stop)
    if result.schedule.meetings or result.schedule.pitches:
        # The solver-free checker has the last word, moves budget included.
        result.violations = validate(instance, result.schedule, max_moved=params.max_moved)
    return result, note


def _conclude(client: Client, run: SolverRun, result: SolveResult, note: str = "") -> SolverRun | None:
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
    reason = "stopped by an organizer; the best schedule found so far is kept" if cancelled else note

    def change(r: SolverRun) -> SolverRun:
        return replace(r, status=status, figures=figures, reason=reason, finished_at=time.time())

    done = RunStore(client).transition(run.event, run.id, (RunStatus.RUNNING,), change, release=True)
    if done is not None:
        notify.run_changed(client, done)
    return done
