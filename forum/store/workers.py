"""Worker heartbeats: each worker process refreshes a key with a TTL; the live workers are those whose key exists."""

from __future__ import annotations

import json
from typing import Any

import redis

from forum.store import keys

BEAT_EVERY = 2.0  # seconds between a worker's beats
BEAT_TTL = 6  # a worker silent this long (killed, frozen, cut off) no longer counts


def beat_key(worker: str) -> str:
    # One colon only: no `forum:<event>:*` pattern can match it, whatever the event is called.
    return f"{keys.WORKERS}.{worker}"


class WorkerRegistry:
    """`forum:workers` lists the ids that beat recently; `forum:workers.<id>` expires with the worker."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def beat(self, worker: str, info: dict[str, Any]) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(beat_key(worker), json.dumps(info, separators=(",", ":")), ex=BEAT_TTL)
            pipe.sadd(keys.WORKERS, worker)
            pipe.execute()

    def forget(self, worker: str) -> None:
        """A worker stopping cleanly leaves at once instead of after its TTL."""
        with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(beat_key(worker))
            pipe.srem(keys.WORKERS, worker)
            pipe.execute()

    def alive(self) -> list[dict[str, Any]]:
        """The info of every worker whose heartbeat has not expired, with its `id`; drops the expired ids."""
        ids = sorted(str(i) for i in self.client.smembers(keys.WORKERS))
        if not ids:
            return []
        values = self.client.mget([beat_key(i) for i in ids])
        gone = [i for i, value in zip(ids, values, strict=True) if value is None]
        if gone:
            self.client.srem(keys.WORKERS, *gone)
        return [{**json.loads(value), "id": i} for i, value in zip(ids, values, strict=True) if value is not None]
