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


# Keep the later of the stored and the new "not before" time (older values "1" count as 0).
_MARK_PENDING = """
local old = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local new = tonumber(ARGV[1]) or 0
if new < old then new = old end
redis.call('SET', KEYS[1], string.format('%.3f', new))
return 1
"""


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

    def mark_pending(self, event: str, name: str, not_before: float = 0.0) -> None:
        """Flag work for the event; `not_before` (epoch seconds) holds it back, e.g. while a decline can be undone.
        Of several marks the latest `not_before` wins, so a burst waits for its last undo window."""
        self.client.eval(_MARK_PENDING, 1, keys.record(event, "pending", name), repr(float(not_before)))

    def is_pending(self, event: str, name: str) -> bool:
        return bool(self.client.exists(keys.record(event, "pending", name)))

    def is_due(self, event: str, name: str, now: float | None = None) -> bool:
        """Pending and no longer held back."""
        raw = self.client.get(keys.record(event, "pending", name))
        if raw is None:
            return False
        try:
            not_before = float(raw)
        except ValueError:
            return True
        return not_before <= (time.time() if now is None else now)

    def take_pending(self, event: str, name: str) -> bool:
        return bool(self.client.delete(keys.record(event, "pending", name)))
