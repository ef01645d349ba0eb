"""Opening a Redis/Valkey connection and checking the stored schema version."""

from __future__ import annotations

import redis
import redis.asyncio as aioredis

from forum.errors import Unavailable
from forum.store import keys


def connect(url: str) -> redis.Redis:
    """A client with str responses; fails with Unavailable when the server does not answer."""
    client = redis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=5, health_check_interval=30)
    try:
        client.ping()
        ensure_schema(client)
    except redis.ConnectionError as exc:
        raise Unavailable(f"cannot reach Redis/Valkey at {url}: {exc}") from None
    return client


def ensure_schema(client: redis.Redis) -> None:
    """Stamp an empty store; refuse a store written by an incompatible version."""
    client.set(keys.SCHEMA, keys.SCHEMA_VERSION, nx=True)
    found = client.get(keys.SCHEMA)
    if found != keys.SCHEMA_VERSION:
        raise Unavailable(f"the store has schema version {found!r}, this forum needs {keys.SCHEMA_VERSION}")


# What other layers name instead of importing redis: the store's client type and its failure.
Client = redis.Redis
StoreError = redis.RedisError
Pipeline = redis.client.Pipeline


def watch(pipe: Pipeline, *names: str) -> None:
    """WATCH `names` on a pipeline about to start a MULTI: a write to one of them makes EXEC fail."""
    pipe.watch(*names)  # type: ignore[no-untyped-call]  # redis-py leaves Pipeline.watch unannotated


def async_clients(url: str, max_connections: int = 32) -> tuple[aioredis.Redis, aioredis.Redis]:
    """For a web process's live push: a dedicated client for blocking stream reads, and a pooled one."""
    reader = aioredis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=5)
    pool = aioredis.BlockingConnectionPool.from_url(url, decode_responses=True, max_connections=max_connections)
    return reader, aioredis.Redis(connection_pool=pool)
