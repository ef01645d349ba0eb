"""Enumerations in the festival's own words: attendee roles, meeting and run statuses."""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    PRODUCER = "producer"
    DISTRIBUTOR = "distributor"
    BUYER = "buyer"
    COMMISSIONER = "commissioner"
    FINANCIER = "financier"
    ORGANIZER = "organizer"
    OTHER = "other"


class SlotKind(str, Enum):
    MEETING = "meeting"
    PITCH = "pitch"


class LocationKind(str, Enum):
    TABLE = "table"
    ROOM = "room"


class MeetingStatus(str, Enum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class WishStatus(str, Enum):
    """A producer's request as the target answered it, before any slot is given."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class RunStatus(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Importance(int, Enum):
    """How much a producer wants a meeting; the value is the wish's weight."""

    IF_POSSIBLE = 1
    WOULD_LIKE = 3
    MUST = 10
