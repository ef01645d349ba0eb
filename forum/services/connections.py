"""The store connection of a serving process: open it, check it answers, close it; and the failure to map to 503."""

from __future__ import annotations

from forum.config import Settings
from forum.store.connection import Client, Durability, StoreError, StoreFull, connect

__all__ = ["Client", "StoreError", "StoreFull", "close_store", "open_store", "store_health"]


def open_store(url: str, settings: Settings | None = None) -> Client:
    """A client for the process's lifetime; Unavailable when the store does not answer or has another schema.

    Its acknowledged writes wait for the disk as `settings` say (FORUM_DURABLE_*), else one local fsync.
    """
    if settings is None:
        return connect(url)
    return connect(url, Durability(settings.durable_replicas, settings.durable_timeout_ms))


def close_store(client: Client) -> None:
    client.close()


def store_health(client: Client) -> str | None:
    """None when the store answers a ping, else what went wrong (for a health check to report)."""
    try:
        client.ping()
    except (StoreError, OSError) as exc:
        return str(exc) or type(exc).__name__
    return None
