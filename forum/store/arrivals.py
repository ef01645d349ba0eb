"""When each request reached the person asked: a sorted set per person, by arrival time (for "newest first").

Requests imported with the event have no arrival time; they count as older than any sent on the site.
"""

from __future__ import annotations

from typing import Any

import redis

from forum.store import keys


def arrivals_key(event: str, attendee: str) -> str:
    return keys.record(event, "arrivals", attendee)


class ArrivalStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event

    def arrived(self, target: str, wish_id: str, at: float) -> None:
        self.client.zadd(arrivals_key(self.event, target), {wish_id: at})

    def times(self, target: str) -> dict[str, float]:
        found: Any = self.client.zrange(arrivals_key(self.event, target), 0, -1, withscores=True)
        return {str(w): float(t) for w, t in found}
