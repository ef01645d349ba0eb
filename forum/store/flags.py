"""Short-lived run signals in Redis: stop flags, the worker's heartbeat and the repair rate limit."""

from __future__ import annotations

import json
import os
import socket
import time
from typing import Any

import redis

from forum.store import keys

STOP_TTL = 24 * 3600  # a stop flag outlives any run it can stop
HEARTBEAT_TTL = 5  # a run whose heartbeat is this old is considered dead
HEARTBEAT_EVERY = 1.0


def stop_key(event: str, run: str) -> str:
    return keys.record(event, "stop", run)


def heartbeat_key(event: str, run: str) -> str:
    return keys.record(event, "heartbeat", run)


class Flags:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def request_stop(self, event: str, run: str) -> None:
        self.client.set(stop_key(event, run), "1", ex=STOP_TTL)

    def stop_requested(self, event: str, run: str) -> bool:
        return bool(self.client.exists(stop_key(event, run)))

    def beat(self, event: str, run: str) -> None:
        """Say the run's process is alive; the key expires by itself when the process dies."""
        value = {"pid": os.getpid(), "host": socket.gethostname(), "at": time.time()}
        self.client.set(heartbeat_key(event, run), json.dumps(value), ex=HEARTBEAT_TTL)

    def heartbeat(self, event: str, run: str) -> dict[str, Any] | None:
        raw = self.client.get(heartbeat_key(event, run))
        return None if raw is None else dict(json.loads(raw))

    def clear(self, event: str, run: str) -> None:
        self.client.delete(stop_key(event, run), heartbeat_key(event, run))

    def take_rate_slot(self, event: str, name: str, seconds: float) -> bool:
        """True at most once per `seconds` per event and name (SET NX with expiry)."""
        return bool(self.client.set(keys.record(event, "ratelimit", name), "1", nx=True, px=int(seconds * 1000)))

    def mark_pending(self, event: str, name: str) -> None:
        self.client.set(keys.record(event, "pending", name), "1")

    def is_pending(self, event: str, name: str) -> bool:
        return bool(self.client.exists(keys.record(event, "pending", name)))

    def take_pending(self, event: str, name: str) -> bool:
        return bool(self.client.delete(keys.record(event, "pending", name)))
