"""A thread in every worker: marks runs whose worker died as failed, starts flagged repair runs, hands mails to RQ."""

from __future__ import annotations

import logging
import threading
import time

from forum.services.connections import StoreError, connect
from forum.services.floor.standby import announce_due
from forum.services.runs.lifecycle import reap_all
from forum.services.runs.registry import open_queue
from forum.services.runs.repair import sweep_repairs, wait_for_repairs
from workers.mail_jobs import MailRound

SWEEP_EVERY = 2.0  # with the 5 s heartbeat TTL, a dead run is marked failed within about 7 s
log = logging.getLogger("forum.worker")


def sweep_forever(redis_url: str, queue_name: str, stop: threading.Event) -> None:
    client, jobs = connect(redis_url), open_queue(redis_url, queue_name)
    mail_round = MailRound(redis_url, queue_name)
    while not stop.is_set():
        try:
            wait_for_repairs(client, SWEEP_EVERY)  # a repair flagged or coming due wakes it at once
            if stop.is_set():
                break
            for run in reap_all(client, jobs):
                log.warning("run %s of %s marked failed: %s", run.id, run.event, run.reason)
            for run in sweep_repairs(client):
                log.info("repair run %s of %s %s: %s", run.id, run.event, run.status.value, run.reason)
            announce_due(client, time.time())  # standby offers that waited for a decline's undo window
            mail_round(client)  # queued mails to RQ, retries whose wait is over, the morning agenda mails
        except StoreError as exc:
            log.warning("sweep skipped: %s", exc)
            stop.wait(SWEEP_EVERY)  # the store is away: try again later, not in a tight loop
        except Exception:  # noqa: BLE001 - the sweeper must outlive one bad event
            log.exception("sweep failed")
            stop.wait(SWEEP_EVERY)


def start_sweeper(redis_url: str, queue_name: str) -> threading.Event:
    """Start the sweeper thread; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=sweep_forever, args=(redis_url, queue_name, stop), name="sweeper", daemon=True).start()
    return stop
