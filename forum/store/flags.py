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


WAKE_KEY = f"{keys.PREFIX}:sweeper_wake"  # a list a sweeper blocks on: new work pushes to it
WAKE_KEEP = 10  # signals kept: one wakes a sweeper, which then looks at every event anyway


def stop_key(event: str, run: str) -> str:
    return keys.record(event, "stop", run)


def heartbeat_key(event: str, run: str) -> str:
    return keys.record(event, "heartbeat", run)


# Each flagged piece of work is due on its own: the pending key is a sorted set of "not before" times (epoch
# seconds; members are the times themselves). A string left by an older version becomes one entry.
_MARK_PENDING = """
if redis.call('TYPE', KEYS[1])['ok'] == 'string' then
  local old = tonumber(redis.call('GET', KEYS[1])) or 0
  redis.call('DEL', KEYS[1])
  redis.call('ZADD', KEYS[1], old, string.format('%.3f', old))
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
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
        Each mark comes due on its own, so a steady stream of undo windows never starves the earlier ones.
        A sleeping sweeper wakes at once to look at it."""
        self.client.eval(_MARK_PENDING, 1, keys.record(event, "pending", name), f"{float(not_before):.3f}")
        with self.client.pipeline(transaction=False) as pipe:
            pipe.rpush(WAKE_KEY, "1")
            pipe.ltrim(WAKE_KEY, -WAKE_KEEP, -1)
            pipe.execute()

    def wait_for_work(self, seconds: float) -> bool:
        """Block until work is flagged or `seconds` pass; True when woken. Signals that piled up meanwhile go
        with it: the sweeper that wakes looks at every event."""
        if seconds <= 0:
            return False
        woken = self.client.blpop([WAKE_KEY], timeout=max(seconds, 0.01)) is not None
        if woken:
            self.client.delete(WAKE_KEY)
        return woken

    def rate_wait(self, event: str, name: str) -> float:
        """Seconds until `take_rate_slot` can succeed again (0 when it can now)."""
        left = int(self.client.pttl(keys.record(event, "ratelimit", name)))
        return max(left, 0) / 1000

    def is_pending(self, event: str, name: str) -> bool:
        return bool(self.client.exists(keys.record(event, "pending", name)))

    def due_at(self, event: str, name: str) -> float | None:
        """When the earliest pending mark may start (epoch seconds; 0 for at once), None when none is pending."""
        key = keys.record(event, "pending", name)
        try:
            first: Any = self.client.zrange(key, 0, 0, withscores=True)
        except redis.ResponseError:  # a plain time written by an older version
            return float(self.client.get(key) or 0)
        return float(first[0][1]) if first else None

    def is_due(self, event: str, name: str, now: float | None = None) -> bool:
        """Some pending mark is no longer held back."""
        due = self.due_at(event, name)
        return due is not None and due <= (time.time() if now is None else now)

    def take_pending(self, event: str, name: str, now: float | None = None) -> bool:
        """Take the marks due by `now` (the work about to start covers them); later ones stay pending."""
        key, limit = keys.record(event, "pending", name), time.time() if now is None else now
        try:
            return bool(self.client.zremrangebyscore(key, "-inf", limit))
        except redis.ResponseError:  # a plain time written by an older version: one mark, now taken
            return bool(self.client.delete(key))
