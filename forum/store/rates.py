"""Rate limits: actions counted per attendee in fixed windows, one small expiring key per attendee and action."""

from __future__ import annotations

import redis

from forum.store import keys


def rate_key(event: str, action: str, attendee: str) -> str:
    return keys.record(event, "rate", f"{action}:{attendee}")


class RateCounter:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def count(self, event: str, action: str, attendee: str) -> int:
        """How many `action`s by `attendee` in the current window (0 when none, or the window has passed)."""
        return int(self.client.get(rate_key(event, action, attendee)) or 0)

    def hit(self, event: str, action: str, attendee: str, window_seconds: int) -> int:
        """Count one more `action` by `attendee`; returns how many in the current window, this one included.

        The window starts with the first action and its key expires with it, so idle attendees hold no key.
        """
        key = rate_key(event, action, attendee)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=window_seconds, nx=True)  # INCR keeps the expiry the first action set
            pipe.incr(key)
            _, count = pipe.execute()
        return int(count)
