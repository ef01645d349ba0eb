"""The RQ worker process: one queue, the JSON serializer, jobs that take plain ids, a heartbeat and a sweeper."""

from __future__ import annotations

import logging
import os
import signal
from types import FrameType

from forum.config import Settings
from forum.errors import InvalidInput
from forum.services.logs import configure_logging
from forum.services.runs import registry
from workers.heartbeat import start_heartbeat
from workers.sweeper import start_sweeper

log = logging.getLogger("forum.worker")


def _stop_on_sigterm() -> None:
    # Until RQ installs its own handlers (a warm shutdown), SIGTERM must unwind through our `finally`, so a
    # worker stopped while starting leaves the list of live workers at once.
    def raise_exit(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, raise_exit)


def run_worker(settings: Settings, burst: bool = False) -> int:
    if settings.redis_url is None:
        raise InvalidInput("set FORUM_REDIS_URL to the Redis/Valkey the web processes use")
    configure_logging(settings, "worker")
    _stop_on_sigterm()
    registry.check_all()  # before the first heartbeat: a worker counts as alive once it can take jobs
    stop_sweeping = start_sweeper(settings.redis_url, settings.queue_name)
    stop_beating, beating = start_heartbeat(settings.redis_url, settings.queue_name)
    try:
        log.info("worker %d listening on queue %s", os.getpid(), settings.queue_name)
        registry.work(settings.redis_url, settings.queue_name, burst=burst)
    finally:
        stop_sweeping.set()
        stop_beating.set()
        beating.join(5)
        log.info("worker %d stopped", os.getpid())
    return 0
