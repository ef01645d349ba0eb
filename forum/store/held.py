"""Places still held by a decline that can be undone: a repair must not give them away before the window closes."""

from __future__ import annotations

from collections.abc import Iterable

import redis

from forum.domain import Wish
from forum.store.declines import Declined, undo_key

CHUNK = 1000


def undoable_declines(client: redis.Redis, event: str, declined: Iterable[Wish], now: float) -> list[Declined]:
    """The undo records, window still open at `now`, of these requests' declined meetings (any participant
    may have declined; each record says where the meeting was)."""
    names = [undo_key(event, who, w.id) for w in declined for who in w.participants]
    out: list[Declined] = []
    for i in range(0, len(names), CHUNK):
        for raw in client.mget(names[i : i + CHUNK]):
            if raw is not None and (record := Declined.from_json(raw)).until > now:
                out.append(record)
    return out
