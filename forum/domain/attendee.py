"""Attendees: producers, buyers, distributors... with their availability and caps."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain.roles import Role
from forum.domain.times import Window


@dataclass(frozen=True)
class Attendee:
    id: str
    name: str
    organization: str = ""
    # Free text in the instance format ('ambassador'...); Role lists the ones the app knows.
    role: str = Role.OTHER.value
    title: str = ""
    country: str = ""
    email: str = ""
    looking_for: str = ""
    # None means available throughout the event.
    available: tuple[Window, ...] | None = None
    max_meetings: int | None = None
    max_per_day: int | None = None
