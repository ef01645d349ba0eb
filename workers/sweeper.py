"""A thread in every worker: marks runs whose worker died as failed and starts flagged repair runs."""

from __future__ import annotations

import logging
import threading

from forum.services.connections import StoreError, connect
from forum.services.runs.lifecycle import reap_all
from forum.services.runs.registry import open_queue
from forum.services.runs.repair import sweep_repairs

SWEEP_EVERY = 2.0  # with the 5 s heartbeat TTL, a dead run is marked failed within about 7 s
log = logging.getLogger("forum.worker")


def sweep_forever(redis_url: str, queue_name: str, stop: threading.Event) -> None:
    client, jobs = connect(redis_url), open_queue(redis_url, queue_name)
    while not stop.wait(SWEEP_EVERY):
        try:
            for run in reap_all(client, jobs):
                log.warning("run %s of %s marked failed: %s", run.id, run.event, run.reason)
            for run in sweep_repairs(client, jobs):
                log.info("repair run %s of %s queued", run.id, run.event)
        except StoreError as exc:
            log.warning("sweep skipped: %s", exc)
        except Exception:  # noqa: BLE001 - the sweeper must outlive one bad event
            log.exception("sweep failed")


def start_sweeper(redis_url: str, queue_name: str) -> threading.Event:
    """Start the sweeper thread; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=sweep_forever, args=(redis_url, queue_name, stop), name="sweeper", daemon=True).start()
    return stop
