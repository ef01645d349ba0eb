"""The event's own settings on the Setup page: its time zone and how many requests one attendee may keep open."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from forum.domain import Event
from forum.domain.instance_json import MAX_OPEN_REQUESTS_LIMIT
from forum.domain.times import check_timezone
from forum.services.setup.event_setup import check_range
from forum.store import EventStore
from forum.store.changes import Change, apply
from forum.store.connection import Client


@dataclass(frozen=True)
class EventSettings:
    timezone: str  # an IANA name, e.g. Europe/Paris
    max_open_requests: int  # open requests one attendee may have at a time


def set_event_settings(client: Client, event: str, who: str, wanted: EventSettings) -> Event:
    """Check both values, then save them with their audit entry in one transaction."""
    zone = check_timezone(wanted.timezone.strip(), "time zone")
    limit = check_range(wanted.max_open_requests, "open requests per attendee", 1, MAX_OPEN_REQUESTS_LIMIT)
    store = EventStore(client)

    def compute() -> Change:
        updated = replace(store.get(event), timezone=zone, max_open_requests=limit)
        return Change(event=updated, audit={"at": time.time(), "who": who, "action": "set event", "meeting": "",
                                            "detail": f"time zone {zone}, {limit} open requests per attendee"})

    change = apply(client, event, (), compute)
    assert change.event is not None
    return change.event
