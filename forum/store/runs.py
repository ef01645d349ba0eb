"""Solver runs: records, the one-active-run-per-event claim, guarded status changes, progress history."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import redis

from forum.domain import RunStatus, SolverRun
from forum.errors import Conflict, NotFound
from forum.store import keys
from forum.store.entities import EntityStore

PROGRESS_KEEP = 1200  # points of the value/bound curve kept per run (20 minutes at one a second)
PROGRESS_TTL = 7 * 24 * 3600

# Create the run only if the event has no active run; answers the active run's id otherwise.
_CLAIM = """
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[1])
return false
"""

# Replace the record only while its status is one of ARGV[3..]; release the claim when ARGV[2] == '1'.
_TRANSITION = """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local status = cjson.decode(raw)['status']
local allowed = false
for i = 3, #ARGV do if ARGV[i] == status then allowed = true end end
if not allowed then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[2] == '1' and redis.call('GET', KEYS[2]) == cjson.decode(ARGV[1])['id'] then
  redis.call('DEL', KEYS[2])
end
return 1
"""

ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def active_key(event: str) -> str:
    return keys.record(event, "active", "run")


def progress_key(event: str, run: str) -> str:
    return keys.record(event, "progress", run)


class RunStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._claim = client.register_script(_CLAIM)
        self._transition = client.register_script(_TRANSITION)

    def records(self, event: str) -> EntityStore[SolverRun]:
        return EntityStore(self.client, event, SolverRun)

    def new_id(self, event: str, kind: str = "run") -> str:
        return f"{kind}-{int(self.client.incr(keys.record(event, 'counter', 'run')))}"

    def claim(self, run: SolverRun) -> None:
        """Store a new queued run as the event's active run; Conflict when another is queued or running."""
        records = self.records(run.event)
        current = self._claim(keys=[active_key(run.event), records.key(run.id), records.index_key],
                              args=[run.id, records.codec.encode(run)])
        if current:
            raise Conflict(f"run {current} is still active for event {run.event!r}; cancel it or wait")

    def active(self, event: str) -> str | None:
        found = self.client.get(active_key(event))
        return None if found is None else str(found)

    def get(self, event: str, run: str) -> SolverRun:
        return self.records(event).get(run)

    def find(self, event: str, run: str) -> SolverRun | None:
        return self.records(event).find(run)

    def all(self, event: str) -> list[SolverRun]:
        return sorted(self.records(event).all(), key=lambda r: (r.created_at, r.id), reverse=True)

    def transition(self, event: str, run: str, allowed: Iterable[RunStatus],
                   change: Callable[[SolverRun], SolverRun], release: bool = False) -> SolverRun | None:
        """Apply `change` only if the run is still in an allowed status (checked atomically in Lua)."""
        current = self.find(event, run)
        if current is None:
            raise NotFound(f"no run {run!r} in event {event!r}")
        if current.status not in set(allowed):
            return None
        new = change(current)
        records = self.records(event)
        done = self._transition(keys=[records.key(run), active_key(event)],
                                args=[records.codec.encode(new), "1" if release else "0", *[s.value for s in allowed]])
        return new if done else None

    def add_progress(self, event: str, run: str, point: dict[str, Any]) -> None:
        key = progress_key(event, run)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.rpush(key, json.dumps(point, separators=(",", ":")))
            pipe.ltrim(key, -PROGRESS_KEEP, -1)
            pipe.expire(key, PROGRESS_TTL)
            pipe.execute()

    def progress(self, event: str, run: str) -> list[dict[str, Any]]:
        return [json.loads(p) for p in self.client.lrange(progress_key(event, run), 0, -1)]
