"""A scheduling instance and a schedule: everything the solver reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field

from forum.domain.attendee import Attendee
from forum.domain.event import Event, Location, Slot
from forum.domain.pitch import PitchSession, Project
from forum.domain.wish import PitchPlacement, Placement, Wish


@dataclass(frozen=True)
class Instance:
    event: Event
    slots: tuple[Slot, ...]
    locations: tuple[Location, ...]
    attendees: tuple[Attendee, ...]
    wishes: tuple[Wish, ...]
    pitch_sessions: tuple[PitchSession, ...] = ()
    projects: tuple[Project, ...] = ()
    fixed: tuple[Placement, ...] = ()
    previous: tuple[Placement, ...] = ()


@dataclass(frozen=True)
class Unscheduled:
    wish: str
    reason: str


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Placement, ...]
    pitches: tuple[PitchPlacement, ...] = ()
    unscheduled: tuple[Unscheduled, ...] = ()
    stats: dict[str, float] = field(default_factory=dict)
