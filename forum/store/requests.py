"""Meeting requests (wishes) by person: who sent and who received what, and guarded status changes."""

from __future__ import annotations

from collections.abc import Callable

import redis

from forum.checker.rules import is_open
from forum.domain import Wish
from forum.errors import Conflict
from forum.store import keys
from forum.store.connection import Pipeline, watch
from forum.store.entities import EntityStore

ATTEMPTS = 10


def sent_key(event: str, attendee: str) -> str:
    return keys.record(event, "wishes_sent", attendee)


def received_key(event: str, attendee: str) -> str:
    return keys.record(event, "wishes_received", attendee)


def built_key(event: str) -> str:
    # Importing an instance wipes the event's keys, this marker with them: the next read rebuilds the index.
    return keys.record(event, "wishes_by_person", "built")


def _stage_index(pipe: Pipeline, event: str, wish: Wish) -> None:
    for person in (wish.requester, *wish.colleagues):
        pipe.sadd(sent_key(event, person), wish.id)
    pipe.sadd(received_key(event, wish.target), wish.id)


class RequestStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event
        self.wishes = EntityStore(client, event, Wish)

    def _ensure_index(self) -> None:
        if self.client.exists(built_key(self.event)):
            return
        with self.client.pipeline(transaction=True) as pipe:
            for wish in self.wishes.all():
                _stage_index(pipe, self.event, wish)
            pipe.set(built_key(self.event), "1")
            pipe.execute()

    def sent(self, attendee: str) -> list[Wish]:
        """Requests the attendee made or joins as a colleague."""
        self._ensure_index()
        ids = sorted(str(x) for x in self.client.smembers(sent_key(self.event, attendee)))
        return self.wishes.get_many(ids)

    def received(self, attendee: str) -> list[Wish]:
        self._ensure_index()
        ids = sorted(str(x) for x in self.client.smembers(received_key(self.event, attendee)))
        return self.wishes.get_many(ids)

    def find(self, wish_id: str) -> Wish | None:
        return self.wishes.find(wish_id)

    def add(self, wish: Wish) -> None:
        """Store a new request unless the requester already has an open one to the same person."""
        self._ensure_index()
        index = sent_key(self.event, wish.requester)
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, index)
                    mine = self.wishes.get_many(sorted(str(x) for x in pipe.smembers(index)))
                    if any(w.target == wish.target and w.requester == wish.requester and is_open(w)
                           for w in mine):
                        raise Conflict("You already asked this person for a meeting.")
                    pipe.multi()
                    self.wishes.stage(pipe, [wish])
                    _stage_index(pipe, self.event, wish)
                    pipe.execute()
                    return
                except redis.WatchError:
                    continue
        raise Conflict("Too many changes at once; please try again.")

    def change(self, wish_id: str, change: Callable[[Wish], Wish]) -> tuple[Wish, Wish]:
        """Apply `change` to the request as it is now (it may raise to refuse); returns (before, after)."""
        return self.wishes.change(
            wish_id, change, "There is no such request.", "Too many changes at once; please try again."
        )
