"""Incremental repair: after a decline or cancel, a quick run fills freed places without moving anyone.

Callers only flag the event (`request_repair`, cheap, no queue needed), which wakes a sleeping sweeper; the
sweeper claims a repair run and executes it in place (`quick_repair`: the pure checker fills the places, the
validator checks, the publish tells people), at most one per event every REPAIR_EVERY seconds and never
beside another active run. A burst of declines shares one repair: it fills every place freed so far.
"""

from __future__ import annotations

import time

from forum.domain import SolverRun
from forum.errors import Conflict
from forum.services.runs.quick_repair import REPAIR, REPAIR_LIMIT, claim_repair, execute_repair, warm_up
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.flags import Flags

__all__ = ["REPAIR", "REPAIR_EVERY", "REPAIR_LIMIT", "next_repair_in", "request_repair", "start_pending_repair",
           "sweep_repairs", "wait_for_repairs"]

# Seconds between repair runs of one event (counted from their starts). A repair takes 1-2 s at 5,000
# attendees: a burst of declines costs at most one repair every 3 s (each fills every place freed so far),
# and a decline waits at most this long for the previous repair before its own starts.
REPAIR_EVERY = 3.0


def request_repair(client: Client, event: str, not_before: float = 0.0) -> None:
    """A meeting was declined or cancelled: schedule a repair of the event soon, not before `not_before`
    (epoch seconds; a decline that can still be undone holds the repair back until its undo window closes)."""
    Flags(client).mark_pending(event, REPAIR, not_before)


def start_pending_repair(client: Client, event: str) -> SolverRun | None:
    """Claim the event's flagged repair run (queued, for the caller to execute) when it is due and the rate
    limit and the active run allow; else keep the flag."""
    flags = Flags(client)
    if not flags.is_due(event, REPAIR) or not flags.take_rate_slot(event, REPAIR, REPAIR_EVERY):
        return None
    flags.take_pending(event, REPAIR)
    try:
        return claim_repair(client, event)
    except Conflict:  # a run is active: its publish keeps the decline; repair after it
        flags.mark_pending(event, REPAIR)
        return None


def sweep_repairs(client: Client) -> list[SolverRun]:
    """Run every due repair now, one event after the other; the runs as they ended. A repair still held
    back (an undo window) gets its event read meanwhile, so that it starts warm."""
    done = []
    for event in EventStore(client).ids():
        run = start_pending_repair(client, event)
        if run is None:
            _warm_while_held(client, event)
        elif (ended := execute_repair(client, run)) is not None:
            done.append(ended)
    return done


_warmed: dict[str, float] = {}  # event -> the held-back time it was last read for, in this process


def _warm_while_held(client: Client, event: str) -> None:
    due = Flags(client).due_at(event, REPAIR)
    if due is not None and due > time.time() and _warmed.get(event) != due:
        _warmed[event] = due
        warm_up(client, event)


def next_repair_in(client: Client, default: float) -> float:
    """Seconds until a flagged repair may start (its undo window and the rate limit past), at most `default`."""
    flags, now, wait = Flags(client), time.time(), default
    for event in EventStore(client).ids():
        due = flags.due_at(event, REPAIR)
        if due is not None:
            wait = min(wait, max(due - now, flags.rate_wait(event, REPAIR), 0.0))
    return wait


def wait_for_repairs(client: Client, most: float) -> None:
    """Sleep until a repair is flagged or comes due, at most `most` seconds (the sweeper's pace)."""
    Flags(client).wait_for_work(next_repair_in(client, most))
