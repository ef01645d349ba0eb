"""The RQ worker process: one queue, the JSON serializer, jobs that take plain ids."""

from __future__ import annotations

import logging

from forum.config import Settings
from forum.errors import InvalidInput
from forum.services.runs import registry
from workers.sweeper import start_sweeper


def run_worker(settings: Settings, burst: bool = False) -> int:
    if settings.redis_url is None:
        raise InvalidInput("set FORUM_REDIS_URL to the Redis/Valkey the web processes use")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    stop_sweeping = start_sweeper(settings.redis_url, settings.queue_name)
    try:
        registry.work(settings.redis_url, settings.queue_name, burst=burst)
    finally:
        stop_sweeping.set()
    return 0
