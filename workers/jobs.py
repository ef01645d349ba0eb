"""RQ job functions: plain ids in, thin wrappers around the services (the JSON serializer sees only strings)."""

from __future__ import annotations

import logging
import time

from forum.config import load_settings
from forum.domain import RunStatus
from forum.services.connections import open_store
from forum.services.runs.job import execute_run, is_repair
from forum.services.runs.publish import publish_run

log = logging.getLogger("forum.worker")


def solve_run(event_id: str, run_id: str) -> str:
    """Solve one queued run; a finished repair run is published at once (it only fills freed slots)."""
    settings = load_settings()
    assert settings.redis_url is not None
    client = open_store(settings.redis_url, settings)
    started = time.monotonic()
    log.info("run %s of %s started", run_id, event_id)
    try:
        run = execute_run(client, event_id, run_id, settings.solver_workers)
        if run is not None and is_repair(run_id) and run.status is RunStatus.FINISHED:
            publish_run(client, event_id, run_id)
        outcome = "skipped" if run is None else run.status.value
        log.info("run %s of %s %s after %.1f s", run_id, event_id, outcome, time.monotonic() - started)
        return outcome
    finally:
        client.close()
