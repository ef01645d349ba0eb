"""Clients for a store address: a redis:// URL, or sentinel://host:port,host:port/primary (Sentinel failover)."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import unquote

import redis
import redis.asyncio as aioredis
import redis.asyncio.sentinel as aiosentinel
import redis.sentinel

SENTINEL_SCHEME = "sentinel://"
SENTINEL_TIMEOUT = 1.0  # seconds per question to one sentinel; the next one is asked after that
C = TypeVar("C", bound=redis.Redis)


def parse_sentinels(address: str) -> tuple[list[tuple[str, int]], str] | None:
    """(sentinel host/port pairs, primary name) of a sentinel:// address (forum/config.py builds it from
    FORUM_REDIS_SENTINELS and FORUM_REDIS_PRIMARY); None for a plain URL."""
    if not address.startswith(SENTINEL_SCHEME):
        return None
    hosts, _, primary = address.removeprefix(SENTINEL_SCHEME).partition("/")
    pairs = []
    for part in filter(None, hosts.split(",")):
        host, _, port = part.rpartition(":")
        pairs.append((host.strip("[]") or "127.0.0.1", int(port)))
    return pairs, unquote(primary) or "forum"


def sync_client(address: str, cls: type[C], **options: Any) -> C:
    """A `cls` client of the primary: found through the sentinels (and again after a failover), else at the URL."""
    found = parse_sentinels(address)
    if found is None:
        client = cls.from_url(address, **options)
        assert isinstance(client, cls)
        return client
    sentinels, primary = found
    manager = redis.sentinel.Sentinel(sentinels, sentinel_kwargs=_sentinel_options())  # type: ignore[no-untyped-call]
    client = manager.master_for(primary, redis_class=cls, **options)  # type: ignore[no-untyped-call]
    assert isinstance(client, cls)
    return client


class BlockingSentinelPool(aiosentinel.SentinelConnectionPool, aioredis.BlockingConnectionPool):
    """Waits for a free connection when all are in use (like the URL case), and follows the primary."""


def async_client(address: str, max_connections: int | None = None, **options: Any) -> aioredis.Redis:
    """An asyncio client of the primary; with `max_connections`, a pool that waits when they are all in use."""
    found = parse_sentinels(address)
    if found is None:
        if max_connections is None:
            return aioredis.Redis.from_url(address, **options)
        pool = aioredis.BlockingConnectionPool.from_url(address, max_connections=max_connections, **options)
        return aioredis.Redis(connection_pool=pool)
    sentinels, primary = found
    manager = aiosentinel.Sentinel(sentinels, sentinel_kwargs=_sentinel_options())  # type: ignore[no-untyped-call]
    if max_connections is not None:
        options.update(connection_pool_class=BlockingSentinelPool, max_connections=max_connections)
    client = manager.master_for(primary, **options)
    assert isinstance(client, aioredis.Redis)
    return client


def _sentinel_options() -> dict[str, Any]:
    return {"socket_timeout": SENTINEL_TIMEOUT, "socket_connect_timeout": SENTINEL_TIMEOUT}
