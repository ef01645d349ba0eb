"""Counters of failed sign-in attempts in fixed windows: one key per (event, scope), never one per guess."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import redis

from forum.store import keys


@dataclass(frozen=True)
class Budget:
    """At most `limit` failures per `window` seconds in `scope` (a client network, or the whole event)."""

    scope: str
    limit: int
    window: int


class FailedAttempts:
    def __init__(self, client: redis.Redis, event: str) -> None:
        # Callers check that the event exists before anything is counted: a key name never holds unchecked input.
        self.client, self.event = client, event

    def _key(self, budget: Budget) -> str:
        return keys.record(self.event, "signin_failures", budget.scope)

    def exhausted(self, budgets: Sequence[Budget]) -> list[Budget]:
        """The budgets already spent in their current window (a read: nothing is written)."""
        counts = self.client.mget([self._key(b) for b in budgets])
        return [b for b, n in zip(budgets, counts, strict=True) if n is not None and int(n) >= b.limit]

    def record(self, budgets: Sequence[Budget]) -> None:
        """Count one failure against each budget; a window starts at its first failure."""
        with self.client.pipeline(transaction=True) as pipe:
            for budget in budgets:
                pipe.incr(self._key(budget))
                pipe.expire(self._key(budget), budget.window, nx=True)
            pipe.execute()
