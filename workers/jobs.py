"""RQ job functions: plain ids in, thin wrappers around the services (the JSON serializer sees only strings)."""

from __future__ import annotations

from forum.config import load_settings
from forum.domain import RunStatus
from forum.services.connections import connect
from forum.services.runs.job import execute_run, is_repair
from forum.services.runs.publish import publish_run


def solve_run(event_id: str, run_id: str) -> str:
    """Solve one queued run; a finished repair run is published at once (it only fills freed slots)."""
    settings = load_settings()
    assert settings.redis_url is not None
    client = connect(settings.redis_url)
    try:
        run = execute_run(client, event_id, run_id, settings.solver_workers)
        if run is not None and is_repair(run_id) and run.status is RunStatus.FINISHED:
            publish_run(client, event_id, run_id)
        return "skipped" if run is None else run.status.value
    finally:
        client.close()
