"""Who is busy when, and which location is taken when, read straight from a schedule (no solver)."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from forum.domain import Instance, PitchSession, Schedule, Slot, Window, Wish


class Engagement(NamedTuple):
    """A tuple, not a frozen dataclass: the validator makes one per meeting and person, and it is
    several times quicker to build."""

    window: Window
    what: str  # the wish, project or pitch session id, as a person reads it


def session_span(session: PitchSession, slots: dict[str, Slot]) -> Window | None:
    """The whole span of a pitch session, from its first slot's start to its last slot's end."""
    windows = [slots[s].window for s in session.slots if s in slots]
    if not windows:
        return None
    return Window(min(w.start for w in windows), max(w.end for w in windows))


def pitch_session_of(inst: Instance, project_id: str, slot_id: str) -> PitchSession | None:
    """The session a pitch takes place in: one of the project's sessions that holds that slot."""
    allowed = {p.id: p.sessions for p in inst.projects}.get(project_id)
    for session in inst.pitch_sessions:
        if slot_id in session.slots and (allowed is None or session.id in allowed):
            return session
    return None


def sessions_in_use(inst: Instance, schedule: Schedule) -> list[PitchSession]:
    used = {id(s): s for p in schedule.pitches if (s := pitch_session_of(inst, p.project, p.slot))}
    return list(used.values())


def attendee_engagements(inst: Instance, schedule: Schedule) -> dict[str, list[Engagement]]:
    """Every attendee's meetings, pitches presented and panel sessions, unsorted."""
    slots = {s.id: s for s in inst.slots}
    wishes: dict[str, Wish] = {w.id: w for w in inst.wishes}
    projects = {p.id: p for p in inst.projects}
    busy: dict[str, list[Engagement]] = defaultdict(list)
    for m in schedule.meetings:
        if m.wish in wishes and m.slot in slots:
            for who in wishes[m.wish].participants:
                busy[who].append(Engagement(slots[m.slot].window, f"meeting {m.wish}"))
    for p in schedule.pitches:
        if p.project in projects and p.slot in slots:
            for who in projects[p.project].presenters:
                busy[who].append(Engagement(slots[p.slot].window, f"pitch of {p.project}"))
    for session in sessions_in_use(inst, schedule):
        span = session_span(session, slots)
        if span is not None:
            for who in session.panel:
                busy[who].append(Engagement(span, f"panel of {session.id}"))
    return busy


def location_engagements(inst: Instance, schedule: Schedule) -> dict[str, list[Engagement]]:
    """What each location holds: meetings at tables and pitches in their session's room."""
    slots = {s.id: s for s in inst.slots}
    taken: dict[str, list[Engagement]] = defaultdict(list)
    for m in schedule.meetings:
        if m.slot in slots:
            taken[m.location].append(Engagement(slots[m.slot].window, f"meeting {m.wish}"))
    for p in schedule.pitches:
        session = pitch_session_of(inst, p.project, p.slot)
        if session is not None and p.slot in slots:
            taken[session.location].append(Engagement(slots[p.slot].window, f"pitch of {p.project}"))
    return taken


def overlapping_pairs(engagements: list[Engagement]) -> list[tuple[Engagement, Engagement]]:
    """Pairs of engagements whose times overlap (sweep by start time)."""
    ordered = sorted(engagements, key=lambda e: (e.window.start, e.window.end))
    pairs: list[tuple[Engagement, Engagement]] = []
    open_: list[Engagement] = []
    for e in ordered:
        if open_:  # mostly empty or one long: skip the filtering when there is nothing to filter
            start = e.window.start
            open_ = [o for o in open_ if o.window.end > start]
            pairs.extend((o, e) for o in open_)
        open_.append(e)
    return pairs
