"""What /metrics reads from the store at scrape time: queue depth, runs by status and durations, live workers.

Read from the store rather than counted in one process, so every web process reports the same cluster-wide
figures whichever of them is scraped, and runs finished by workers on other machines count too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forum.domain import RunStatus
from forum.services.workers import live_workers
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.jobs import JobQueue
from forum.store.runs import RunStore


@dataclass(frozen=True)
class Operations:
    queue_depth: int
    workers: int
    runs: dict[str, int]  # status -> count, every status present
    durations: list[tuple[str, float]] = field(default_factory=list)  # (final status, seconds) of ended runs


def operations(client: Client, jobs: JobQueue, queue: str) -> Operations:
    counts = {status.value: 0 for status in RunStatus}
    durations: list[tuple[str, float]] = []
    runs = RunStore(client)
    for event in EventStore(client).ids():
        for run in runs.all(event):
            counts[run.status.value] += 1
            if run.started_at is not None and run.finished_at is not None:
                durations.append((run.status.value, max(0.0, run.finished_at - run.started_at)))
    return Operations(jobs.depth(), len(live_workers(client, queue)), counts, durations)
