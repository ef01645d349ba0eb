"""Incremental repair: after a decline or cancel, a short run fills freed slots without moving anyone.

Callers only flag the event (`request_repair`, cheap, no queue needed); the workers' sweeper turns flags
into repair runs, at most one per event every REPAIR_EVERY seconds and never beside another active run.
A repair run fixes every live meeting in place, so publishing it (done by the job) only adds meetings.
"""

from __future__ import annotations

from forum.domain import SolverRun
from forum.errors import Conflict
from forum.services.runs.lifecycle import start_run
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.flags import Flags
from forum.store.jobs import JobQueue

REPAIR = "repair"
REPAIR_EVERY = 20.0  # seconds between repair runs of one event: declines during a market come in bursts
REPAIR_LIMIT = 5.0  # solver seconds of a repair run


def request_repair(client: Client, event: str, not_before: float = 0.0) -> None:
    """A meeting was declined or cancelled: schedule a repair of the event soon, not before `not_before`
    (epoch seconds; a decline that can still be undone holds the repair back until its undo window closes)."""
    Flags(client).mark_pending(event, REPAIR, not_before)


def start_pending_repair(client: Client, jobs: JobQueue, event: str) -> SolverRun | None:
    """Start the event's flagged repair when the rate limit and the active run allow; else keep the flag."""
    flags = Flags(client)
    if not flags.is_due(event, REPAIR) or not flags.take_rate_slot(event, REPAIR, REPAIR_EVERY):
        return None
    flags.take_pending(event, REPAIR)
    try:
        return start_run(client, jobs, event, REPAIR_LIMIT, kind=REPAIR)
    except Conflict:  # a run is active: its publish keeps the decline; repair after it
        flags.mark_pending(event, REPAIR)
        return None


def sweep_repairs(client: Client, jobs: JobQueue) -> list[SolverRun]:
    return [r for e in EventStore(client).ids() if (r := start_pending_repair(client, jobs, e)) is not None]
