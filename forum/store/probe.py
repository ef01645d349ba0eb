"""Whether a Redis/Valkey server answers at a URL: the launcher asks while starting the embedded one."""

from __future__ import annotations

import redis


def answers(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()
