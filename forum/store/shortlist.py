"""An attendee's shortlist: the received requests they starred to keep, one hash per attendee (JSON values)."""

from __future__ import annotations

import json

import redis

from forum.errors import Conflict
from forum.store import keys
from forum.store.declines import check_id

MAX_KEPT = 2000  # far more than anyone receives; a script starring forever stops here


def shortlist_key(event: str, attendee: str) -> str:
    return keys.record(event, "shortlist", attendee)


class ShortlistStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event

    def kept(self, attendee: str) -> set[str]:
        return {str(k) for k in self.client.hkeys(shortlist_key(self.event, attendee))}

    def keep(self, attendee: str, wish_id: str, at: float) -> None:
        key = shortlist_key(self.event, attendee)
        if self.client.hlen(key) >= MAX_KEPT and not self.client.hexists(key, wish_id):
            raise Conflict(f"Your shortlist is full ({MAX_KEPT} requests); take some off first.")
        self.client.hset(key, check_id(wish_id, "request"), json.dumps({"at": at}))

    def drop(self, attendee: str, wish_id: str) -> None:
        self.client.hdel(shortlist_key(self.event, attendee), check_id(wish_id, "request"))
