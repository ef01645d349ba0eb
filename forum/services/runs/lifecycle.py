"""Solver runs as organizers see them: start (one active per event), cancel, list, and the reaper of dead runs."""

from __future__ import annotations

import time
from dataclasses import fields, replace
from typing import Any

from forum.domain import RunStatus, SolverRun, Weights
from forum.domain.moves import DEFAULT_MOVES_BUDGET, moves_budget
from forum.errors import Conflict, InvalidInput
from forum.services import notify
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.flags import HEARTBEAT_TTL, Flags
from forum.store.jobs import JobQueue
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore

MIN_LIMIT, MAX_LIMIT = 1.0, 3600.0
STARTUP_GRACE = HEARTBEAT_TTL  # a run just marked running beats within milliseconds; be generous
WEIGHT_NAMES = tuple(f.name for f in fields(Weights))
LOST_JOB = (None, "failed", "stopped", "canceled", "finished")  # RQ job states of a run that never started


def job_timeout(time_limit: float) -> float:
    """Above the solver's own limit: building the instance and checking the result take time too."""
    return time_limit * 1.5 + 120


def check_params(time_limit: Any, weights: Any) -> tuple[float, dict[str, int]]:
    try:
        limit = float(time_limit)
    except (TypeError, ValueError):
        raise InvalidInput("time_limit must be a number of seconds") from None
    if not MIN_LIMIT <= limit <= MAX_LIMIT:
        raise InvalidInput(f"time_limit must be between {MIN_LIMIT:g} and {MAX_LIMIT:g} seconds")
    weights = weights or {}
    if not isinstance(weights, dict):
        raise InvalidInput("weights must be an object")
    unknown = sorted(set(weights) - set(WEIGHT_NAMES))
    if unknown:
        raise InvalidInput(f"unknown weights {', '.join(unknown)}; known: {', '.join(WEIGHT_NAMES)}")
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 1000 for v in weights.values()):
        raise InvalidInput("weights must be whole numbers between 0 and 1000")
    return limit, dict(weights)


def start_run(client: Client, jobs: JobQueue, event: str, time_limit: Any, weights: Any = None,
              kind: str = "run", max_moved: Any = None) -> SolverRun:
    """Queue a run; Conflict while another run of the event is queued or running. `max_moved` is the moves
    budget, "12" or "2%" (forum.domain.moves); unset or empty: the default share."""
    limit, chosen = check_params(time_limit, weights)
    budget = moves_budget(DEFAULT_MOVES_BUDGET if max_moved is None or max_moved == "" else max_moved)
    EventStore(client).get(event)
    reap(client, event)
    runs = RunStore(client)
    run = SolverRun(runs.new_id(event, kind), event, RunStatus.QUEUED, limit, chosen, created_at=time.time(),
                    max_moved=budget)
    runs.claim(run)
    try:
        jobs.enqueue_run(event, run.id, job_timeout(limit))
    except Exception:
        finish_run(client, run.id, event, RunStatus.FAILED, "could not queue the job", (RunStatus.QUEUED,))
        raise
    notify.run_changed(client, run)
    return run


def cancel_run(client: Client, jobs: JobQueue, event: str, run_id: str) -> SolverRun:
    """A queued run is cancelled at once; a running one is asked to stop and keeps its best schedule."""
    runs = RunStore(client)
    current = runs.get(event, run_id)
    if current.status is RunStatus.QUEUED:
        jobs.cancel(event, run_id)
        done = finish_run(client, run_id, event, RunStatus.CANCELLED, "cancelled before it started",
                          (RunStatus.QUEUED,))
        if done is not None:
            return done
    current = runs.get(event, run_id)
    if current.status is not RunStatus.RUNNING:
        raise Conflict(f"run {run_id} is already {current.status.value}")
    Flags(client).request_stop(event, run_id)
    return current


def finish_run(client: Client, run_id: str, event: str, status: RunStatus, reason: str,
            allowed: tuple[RunStatus, ...]) -> SolverRun | None:
    def change(run: SolverRun) -> SolverRun:
        return replace(run, status=status, reason=reason, finished_at=time.time())

    done = RunStore(client).transition(event, run_id, allowed, change, release=True)
    if done is not None:
        notify.run_changed(client, done)
    return done


def reap(client: Client, event: str, jobs: JobQueue | None = None) -> SolverRun | None:
    """Mark the event's active run failed when its worker stopped beating (killed, crashed, timed out)
    or, given the queue, when its job ended or vanished before it could start."""
    runs = RunStore(client)
    active = runs.active(event)
    run = runs.find(event, active) if active else None
    if run is None or time.time() - (run.started_at or run.created_at) < STARTUP_GRACE:
        return None
    if run.status is RunStatus.QUEUED and jobs is not None:
        state = jobs.state(event, run.id)
        if state not in LOST_JOB:
            return None
        reason = f"its job {'vanished' if state is None else state} before the run could start"
        return finish_run(client, run.id, event, RunStatus.FAILED, reason, (RunStatus.QUEUED,))
    if run.status is not RunStatus.RUNNING or Flags(client).heartbeat(event, run.id) is not None:
        return None
    reason = f"the worker stopped responding (no heartbeat for {HEARTBEAT_TTL}s): killed, crashed or timed out"
    return finish_run(client, run.id, event, RunStatus.FAILED, reason, (RunStatus.RUNNING,))


def reap_all(client: Client, jobs: JobQueue | None = None) -> list[SolverRun]:
    return [r for e in EventStore(client).ids() if (r := reap(client, e, jobs)) is not None]


def list_runs(client: Client, event: str, jobs: JobQueue | None = None) -> list[SolverRun]:
    EventStore(client).get(event)
    reap(client, event, jobs)
    return RunStore(client).all(event)


def run_detail(client: Client, event: str, run_id: str) -> dict[str, Any]:
    """The run with its progress history (the value/bound curve) and whether it is the published one."""
    reap(client, event)
    run = RunStore(client).get(event, run_id)
    return {**notify.run_json(run), "progress": RunStore(client).progress(event, run_id),
            "published": ScheduleStore(client).published_run(event) == run_id}
