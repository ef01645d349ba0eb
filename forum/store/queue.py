"""The RQ queue on the same Redis/Valkey, with the JSON serializer (jobs take plain ids, never pickles)."""

from __future__ import annotations

import redis
from rq import Queue, Worker
from rq.serializers import JSONSerializer

from forum.store.address import sync_client


def rq_connection(url: str) -> redis.Redis:
    # RQ stores bytes; it needs its own client without decode_responses. Through the sentinels, when
    # configured: the worker's blocking dequeue then follows a failover like every other client.
    return sync_client(url, redis.Redis, socket_connect_timeout=5)


def job_queue(url: str, name: str) -> Queue:
    return Queue(name, connection=rq_connection(url), serializer=JSONSerializer)


def work(url: str, name: str, burst: bool = False, also: tuple[str, ...] = ()) -> None:
    """Run an RQ worker on the queue (then the `also` queues, in order) until it is told to stop (SIGTERM /
    SIGINT) or, in burst mode, they are empty."""
    queue = job_queue(url, name)
    queues = [queue, *(job_queue(url, other) for other in also)]
    worker = Worker(queues, connection=queue.connection, serializer=JSONSerializer)
    # RQ's own lines at INFO (several per job, registry cleaning every few minutes) would repeat ours.
    worker.work(burst=burst, with_scheduler=False, logging_level="WARNING")
