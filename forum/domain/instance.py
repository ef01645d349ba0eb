"""A scheduling instance and a schedule: everything the solver reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from forum.domain.attendee import Attendee
from forum.domain.event import Event, Location, Slot
from forum.domain.meeting import Meeting
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
    # Pitches kept exactly (a repair run's published pitches), and the published pitches a re-solve moves few of.
    fixed_pitches: tuple[PitchPlacement, ...] = ()
    previous_pitches: tuple[PitchPlacement, ...] = ()
    # Stored meetings whose state `fixed` and `previous` cannot say: declined, cancelled or locked (id = wish).
    meetings: tuple[Meeting, ...] = ()


class WhyCode(str, Enum):
    """Why a wish was left out, as a code the attendee pages turn into words in the reader's language."""

    NO_COMMON_TIME = "no_common_time"  # no slot where everyone is available (inside the wish's windows)
    PITCH_CLASH = "pitch_clash"  # every common free slot clashes with a pitch or a panel session
    CAP_TOTAL = "cap_total"  # `who` reached their cap of `limit` meetings
    CAP_DAY = "cap_day"  # `who`'s days are full (`limit` a day) on every day the wish could take place
    TABLES_FULL = "tables_full"  # every table is taken at the `slots` where everyone is free
    LOST_TO_OWN_MUST = "lost_to_own_must"  # the requester's own must-meet `wishes` took the common times
    LOST_TO_OWN = "lost_to_own"  # the requester's other meetings took the common times
    LOST_TO_OTHERS = "lost_to_others"  # `who`'s time went to other requests (never named)
    TIME_LIMIT = "time_limit"  # the run ended with `slots` still free for it
    CANCELLED = "cancelled"  # the run was cancelled before the wish was placed


@dataclass(frozen=True)
class Why:
    """A left-out wish's reason as data: the people it is about, the cap, the slots and own wishes concerned."""

    code: WhyCode
    who: tuple[str, ...] = ()  # attendee ids of the wish's participants the reason is about
    limit: int | None = None  # the cap in question
    slots: tuple[str, ...] = ()  # meeting slot ids: the overlap, the full tables, the slots still free
    wishes: tuple[str, ...] = ()  # the requester's own wishes that took the time (lost_to_own_must)


@dataclass(frozen=True)
class Unscheduled:
    wish: str
    reason: str  # plain words for the organizer (and readers of older schedules)
    why: Why | None = None


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Placement, ...]
    pitches: tuple[PitchPlacement, ...] = ()
    unscheduled: tuple[Unscheduled, ...] = ()
    stats: dict[str, float] = field(default_factory=dict)
