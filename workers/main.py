"""The RQ worker process: one queue, the JSON serializer, jobs that take plain ids."""

from __future__ import annotations

import logging

from rq import Worker
from rq.serializers import JSONSerializer

from forum.config import Settings
from forum.errors import InvalidInput
from forum.store.queue import job_queue
from workers.sweeper import start_sweeper


def run_worker(settings: Settings, burst: bool = False) -> int:
    if settings.redis_url is None:
        raise InvalidInput("set FORUM_REDIS_URL to the Redis/Valkey the web processes use")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    queue = job_queue(settings.redis_url, settings.queue_name)
    worker = Worker([queue], connection=queue.connection, serializer=JSONSerializer)
    stop_sweeping = start_sweeper(settings.redis_url, settings.queue_name)
    try:
        worker.work(burst=burst, with_scheduler=False)
    finally:
        stop_sweeping.set()
    return 0
