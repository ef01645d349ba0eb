"""Opening a Redis/Valkey connection and checking the stored schema version."""

from __future__ import annotations

import redis

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
