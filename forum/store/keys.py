"""Key names: `forum:<event>:<entity>:<id>` for records, `forum:<event>:index:<entity>` for id sets."""

from __future__ import annotations

PREFIX = "forum"
EVENTS = f"{PREFIX}:events"
SCHEMA = f"{PREFIX}:schema"
WORKERS = f"{PREFIX}:workers"  # ids of workers with a live heartbeat (see store/workers.py)
SCHEMA_VERSION = "1"


def record(event: str, entity: str, ident: str) -> str:
    return f"{PREFIX}:{event}:{entity}:{ident}"


def index(event: str, entity: str) -> str:
    return f"{PREFIX}:{event}:index:{entity}"


def event_record(event: str) -> str:
    return record(event, "event", event)


def ack(token: str) -> str:
    """An acknowledgement token written with a durable transaction (see connection.commit)."""
    return f"{PREFIX}:ack:{token}"


def event_pattern(event: str) -> str:
    return f"{PREFIX}:{event}:*"
