"""What the run pages and the runs API read: one run with its progress, and the event's runs at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forum.domain import SolverRun
from forum.services.runs.lifecycle import list_runs, run_detail
from forum.store.connection import Client
from forum.store.jobs import JobQueue
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore


@dataclass(frozen=True)
class RunState:
    run: SolverRun
    progress: list[dict[str, Any]]  # reported points: elapsed, value, bound...
    published: bool
    has_schedule: bool  # the run left a draft schedule that can be published or compared


@dataclass(frozen=True)
class RunsListing:
    runs: list[SolverRun]
    active: str | None  # the queued or running run, if any
    published: str | None  # the run whose schedule attendees see


def run_state(client: Client, event: str, run_id: str) -> RunState:
    """One run as it is now (a run whose worker died is marked failed first); NotFound for an unknown id."""
    detail = run_detail(client, event, run_id)
    run = RunStore(client).get(event, run_id)
    has_schedule = ScheduleStore(client).draft(event, run_id) is not None
    return RunState(run, list(detail["progress"]), bool(detail["published"]), has_schedule)


def runs_listing(client: Client, event: str, jobs: JobQueue | None = None) -> RunsListing:
    found = list_runs(client, event, jobs)
    return RunsListing(found, RunStore(client).active(event), ScheduleStore(client).published_run(event))
