"""What any page may ask about events as a whole: the list with counts, one event, one attendee."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from forum.domain import Attendee, Event
from forum.store import EventStore
from forum.store.connection import Client

log = logging.getLogger("forum.services")


@dataclass(frozen=True)
class EventSummary:
    event: Event
    counts: dict[str, int]  # records per kind: 'attendee', 'wish', 'slot', 'location', 'meeting'...


def event_summaries(client: Client) -> list[EventSummary]:
    store = EventStore(client)
    return [EventSummary(event, store.counts(event.id)) for event in store.all_events()]


def all_events(client: Client) -> list[Event]:
    return EventStore(client).all_events()


def get_event(client: Client, event: str) -> Event:
    """The event; NotFound when there is none."""
    return EventStore(client).get(event)


def get_attendee(client: Client, event: str, attendee: str) -> Attendee:
    """One attendee of the event; NotFound when there is none."""
    return EventStore(client).entities(event, Attendee).get(attendee)


def zone_of(event: Event) -> ZoneInfo:
    """The event's time zone. Imports refuse unknown names, but an event stored before they did may hold one:
    its pages and feeds then show times as UTC (and the log says so) rather than fail."""
    try:
        return ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        log.warning("event %s has an unknown time zone %r; its times are shown as UTC", event.id,
                    event.timezone[:64])
        return ZoneInfo("UTC")


def local_now(client: Client, event: str) -> datetime:
    """The event's wall-clock time, as its slots are written (local, without offset)."""
    return datetime.now(zone_of(EventStore(client).get(event))).replace(tzinfo=None)


def local_time(client: Client, event: str, epoch: float) -> datetime:
    """An epoch time (a decline's undo deadline) as the event's wall-clock time."""
    return datetime.fromtimestamp(epoch, zone_of(EventStore(client).get(event))).replace(tzinfo=None)
