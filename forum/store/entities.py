"""Typed repository of one stored domain class within an event: JSON records plus an index set of ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic

import redis

from forum.errors import Conflict, NotFound
from forum.store import keys
from forum.store.codec import E, codec_of
from forum.store.connection import Pipeline, commit, watch

CHUNK = 1000
ATTEMPTS = 10


class EntityStore(Generic[E]):
    """`EntityStore(client, event, Slot)` reads and writes Slot records; TypeError for an unstored class."""

    def __init__(self, client: redis.Redis, event: str, cls: type[E]) -> None:
        self.client, self.event, self.cls = client, event, cls
        self.codec = codec_of(cls)

    @property
    def kind(self) -> str:
        return self.codec.kind

    def key(self, ident: str) -> str:
        return keys.record(self.event, self.kind, ident)

    @property
    def index_key(self) -> str:
        return keys.index(self.event, self.kind)

    def stage(self, pipe: Pipeline, values: Iterable[E]) -> None:
        """Queue writes of `values` on a MULTI pipeline owned by the caller (atomic with its other writes)."""
        for value in values:
            if not isinstance(value, self.cls):  # a wrong value would be stored under this kind and misread
                raise TypeError(f"cannot store a {type(value).__name__} among {self.cls.__name__} records")
            pipe.set(self.key(value.id), self.codec.encode(value))
            pipe.sadd(self.index_key, value.id)

    def put(self, *values: E) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            self.stage(pipe, values)
            pipe.execute()

    def get(self, ident: str) -> E:
        found = self.find(ident)
        if found is None:
            raise NotFound(f"There is no {self.kind.replace('_', ' ')} {ident!r} in event {self.event!r}.")
        return found

    def find(self, ident: str) -> E | None:
        raw = self.client.get(self.key(ident))
        return None if raw is None else self.codec.decode(raw)

    def ids(self) -> list[str]:
        return sorted(str(x) for x in self.client.smembers(self.index_key))

    def get_many(self, idents: list[str]) -> list[E]:
        """The records of `idents` that exist, in that order."""
        out: list[E] = []
        for i in range(0, len(idents), CHUNK):
            raws = self.client.mget([self.key(x) for x in idents[i : i + CHUNK]])
            out.extend(self.codec.decode(r) for r in raws if r is not None)
        return out

    def all(self) -> list[E]:
        return self.get_many(self.ids())

    def count(self) -> int:
        return int(self.client.scard(self.index_key))

    def delete(self, ident: str) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(self.key(ident))
            pipe.srem(self.index_key, ident)
            pipe.execute()

    def change(self, ident: str, change: Callable[[E], E], missing: str, busy: str) -> tuple[E, E]:
        """Apply `change` (which may raise to refuse) to the record as it is at this instant.

        WATCH/MULTI, retried: a concurrent write to the record restarts the check with the new value.
        Returns (before, after) once the write is on disk (an answer acknowledged is never lost).
        """
        key = self.key(ident)
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, key)
                    before = self.find(ident)
                    if before is None:
                        raise NotFound(missing)
                    after = change(before)
                    pipe.multi()
                    self.stage(pipe, [after])
                    commit(self.client, pipe)
                    return before, after
                except redis.WatchError:
                    continue
        raise Conflict(busy)
