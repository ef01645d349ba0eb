"""Generic repository of one kind of entity within an event: records plus an index set of ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import redis

from forum.errors import NotFound
from forum.store import keys
from forum.store.codec import decode as decode_one
from forum.store.codec import encode

CHUNK = 1000


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
