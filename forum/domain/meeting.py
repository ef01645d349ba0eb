"""A meeting of the current schedule, as attendees see and answer it."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain.roles import MeetingStatus


@dataclass(frozen=True)
class Meeting:
    id: str  # the wish id: a wish is met at most once
    wish: str
    slot: str
    location: str
    status: MeetingStatus = MeetingStatus.PROPOSED
    locked: bool = False
