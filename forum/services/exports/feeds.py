"""Calendar subscription addresses: each attendee's secret feed key, and whose feed a key opens."""

from __future__ import annotations

from forum.store.agenda import AgendaStore
from forum.store.connection import Client


def feed_key(client: Client, event: str, attendee: str) -> str:
    """The attendee's feed key, created on first use; it is the only secret in the subscription address."""
    return AgendaStore(client, event).feed_key(attendee)


def feed_owner(client: Client, event: str, key: str) -> str | None:
    """The attendee whose calendar `key` opens, or None."""
    return AgendaStore(client, event).owner_of_feed(key)
