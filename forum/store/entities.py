"""Generic repository of one kind of entity within an event: records plus an index set of ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import redis

from forum.errors import Conflict, NotFound
from forum.store import keys
from forum.store.codec import decode as decode_one
from forum.store.codec import encode

CHUNK = 1000
ATTEMPTS = 10


class EntityStore:
    def __init__(self, client: redis.Redis, event: str, entity: str) -> None:
        self.client, self.event, self.entity = client, event, entity

    def key(self, ident: str) -> str:
        return keys.record(self.event, self.entity, ident)

    @property
    def index_key(self) -> str:
        return keys.index(self.event, self.entity)

    def stage(self, pipe: Any, values: Iterable[Any]) -> None:
        """Queue writes of `values` on a MULTI pipeline owned by the caller (atomic with its other writes)."""
        for value in values:
            pipe.set(self.key(value.id), encode(self.entity, value))
            pipe.sadd(self.index_key, value.id)

    def put(self, *values: Any) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            self.stage(pipe, values)
            pipe.execute()

    def get(self, ident: str) -> Any:
        raw = self.client.get(self.key(ident))
        if raw is None:
            raise NotFound(f"no {self.entity.replace('_', ' ')} {ident!r} in event {self.event!r}")
        return decode_one(self.entity, raw)

    def find(self, ident: str) -> Any | None:
        raw = self.client.get(self.key(ident))
        return None if raw is None else decode_one(self.entity, raw)

    def ids(self) -> list[str]:
        return sorted(str(x) for x in self.client.smembers(self.index_key))

    def get_many(self, idents: list[str]) -> list[Any]:
        out: list[Any] = []
        for i in range(0, len(idents), CHUNK):
            raws = self.client.mget([self.key(x) for x in idents[i : i + CHUNK]])
            out.extend(decode_one(self.entity, r) for r in raws if r is not None)
        return out

    def all(self) -> list[Any]:
        return self.get_many(self.ids())

    def count(self) -> int:
        return int(self.client.scard(self.index_key))

    def delete(self, ident: str) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(self.key(ident))
            pipe.srem(self.index_key, ident)
            pipe.execute()

    def change(self, ident: str, change: Callable[[Any], Any], missing: str, busy: str) -> tuple[Any, Any]:
        """Apply `change` (which may raise to refuse) to the record as it is at this instant.

        WATCH/MULTI, retried: a concurrent write to the record restarts the check with the new value.
        Returns (before, after).
        """
        key = self.key(ident)
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    pipe.watch(key)
                    before = self.find(ident)
                    if before is None:
                        raise NotFound(missing)
                    after = change(before)
                    pipe.multi()
                    self.stage(pipe, [after])
                    pipe.execute()
                    return before, after
                except redis.WatchError:
                    continue
        raise Conflict(busy)
