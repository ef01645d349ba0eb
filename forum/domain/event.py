"""The event itself, its time slots and its locations (market tables and pitch rooms)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from forum.domain.roles import LocationKind, SlotKind
from forum.domain.times import Window

DEFAULT_MAX_OPEN_REQUESTS = 300  # open requests one attendee may have at a time, unless the event says otherwise


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    timezone: str = "Europe/Paris"  # an IANA name, checked where an event enters (see times.check_timezone)
    max_open_requests: int = DEFAULT_MAX_OPEN_REQUESTS


@dataclass(frozen=True)
class Slot:
    id: str
    window: Window
    kind: SlotKind = SlotKind.MEETING

    @property
    def start(self) -> datetime:
        return self.window.start

    @property
    def end(self) -> datetime:
        return self.window.end


@dataclass(frozen=True)
class Location:
    id: str
    kind: LocationKind = LocationKind.TABLE
    name: str = ""
    area: str = ""
