"""Frozen dataclasses and enums of the festival's domain; stdlib only."""

from forum.domain.attendee import Attendee
from forum.domain.event import Event, Location, Slot
from forum.domain.goals import Weights
from forum.domain.instance import Instance, Schedule, Unscheduled, Why, WhyCode
from forum.domain.meeting import Meeting
from forum.domain.pitch import PitchSession, Project
from forum.domain.roles import (
    Importance,
    LocationKind,
    MeetingStatus,
    Role,
    RunStatus,
    SlotKind,
    WishStatus,
)
from forum.domain.run import SolverRun
from forum.domain.times import Window, covered, format_local, parse_local
from forum.domain.wish import PitchPlacement, Placement, Wish

__all__ = [
    "Attendee",
    "Event",
    "Importance",
    "Instance",
    "Location",
    "LocationKind",
    "Meeting",
    "MeetingStatus",
    "PitchPlacement",
    "PitchSession",
    "Placement",
    "Project",
    "Role",
    "RunStatus",
    "Schedule",
    "Slot",
    "SlotKind",
    "SolverRun",
    "Unscheduled",
    "Weights",
    "Why",
    "WhyCode",
    "Window",
    "Wish",
    "WishStatus",
    "covered",
    "format_local",
    "parse_local",
]
