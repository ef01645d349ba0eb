"""Where each of my requests stands and, for one the published schedule leaves out, why and what would help.

Typed data only; the web words it in the reader's language. Only what the asker may know: the people the
reason is about are the request's own participants (never another requester), the times are the overlap
the asker shares with them, and nobody's message is read here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from enum import Enum

from forum.checker.placing import Occupancy
from forum.checker.rules import is_live, is_open, live_schedule
from forum.domain import (
    Attendee,
    Instance,
    Location,
    MeetingStatus,
    PitchSession,
    Project,
    Slot,
    Unscheduled,
    WhyCode,
    Wish,
    WishStatus,
)
from forum.services.attendees.agenda import AgendaItem
from forum.services.attendees.requests import RequestView
from forum.services.attendees.suggestions import Places, Suggestion, suggestions
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.requests import RequestStore
from forum.store.schedule import ScheduleStore

MAX_CANDIDATES = 6  # colleagues of the person asked that are checked, by name
MAX_SPANS = 4  # time ranges named in one reason


class State(str, Enum):
    WAITING = "waiting"  # not answered yet, no meeting
    ACCEPTED = "accepted"  # accepted, waiting for a time (with the published run's reason if it left it out)
    PROPOSED = "proposed"  # a meeting is proposed at a time
    SCHEDULED = "scheduled"  # the meeting is accepted at a time
    LEFT_OUT = "left_out"  # not answered yet, and the published schedule leaves it out (see `reason`)
    DECLINED = "declined"  # the request or its meeting was declined
    CANCELLED = "cancelled"  # the organizers cancelled its meeting
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Span:
    """Consecutive meeting slots of one day, as one range of time."""

    day: date
    start: time
    end: time


@dataclass(frozen=True)
class Reason:
    code: WhyCode
    people: tuple[Attendee, ...]  # who it is about among the request's participants, the viewer left out
    about_you: bool  # the viewer is among them
    limit: int | None  # the cap in question
    times: tuple[Span, ...]  # the overlap, the free times with full tables, the free times left
    requester: Attendee  # whose request it is (whose own must-meet request took the time)


@dataclass(frozen=True)
class Standing:
    state: State
    reason: Reason | None = None
    help: tuple[Suggestion, ...] = ()
    may_help: bool = False  # the viewer's own left-out request, whose help was not looked for here
    left_out: bool = False  # the published schedule leaves it out (LEFT_OUT, or ACCEPTED and waiting for a time)


def spans(slots: Iterable[Slot]) -> tuple[Span, ...]:
    """Slots merged into ranges where one ends as the next starts, by day and time."""
    out: list[Span] = []
    for s in sorted(slots, key=lambda s: (s.start, s.end)):
        last = out[-1] if out else None
        if last is not None and last.day == s.start.date() and last.end >= s.start.time():
            out[-1] = Span(last.day, last.start, max(last.end, s.end.time()))
        else:
            out.append(Span(s.start.date(), s.start.time(), s.end.time()))
    return tuple(out)


def state_of(wish: Wish, item: AgendaItem | None, left_out: bool) -> State:
    if wish.status is WishStatus.WITHDRAWN:
        return State.WITHDRAWN
    if wish.status is WishStatus.DECLINED:
        return State.DECLINED
    if item is not None and is_live(item.meeting):
        return State.PROPOSED if item.meeting.status is MeetingStatus.PROPOSED else State.SCHEDULED
    if item is not None:
        return State.CANCELLED if item.meeting.status is MeetingStatus.CANCELLED else State.DECLINED
    if wish.status is WishStatus.ACCEPTED:
        return State.ACCEPTED  # the next run must place it; the published run's reason, if any, comes along
    return State.LEFT_OUT if left_out else State.WAITING


def reason_of(found: Unscheduled, view: RequestView, viewer: str, slots: dict[str, Slot]) -> Reason | None:
    """The run's reason, kept to the request's own people and times; None for a reason without data."""
    why = found.why
    if why is None:
        return None
    party = {a.id: a for a in (view.requester, view.target, *view.colleagues)}
    who = [party[p] for p in why.who if p in party]  # never anyone outside the request
    times = spans(slots[s] for s in why.slots if s in slots)
    return Reason(why.code, tuple(a for a in who if a.id != viewer), any(a.id == viewer for a in who), why.limit,
                  times[:MAX_SPANS], view.requester)


def published_reasons(client: Client, event: str, wishes: list[str]) -> dict[str, Unscheduled]:
    """The published run's reasons for these wishes (a later publish replaces them)."""
    schedules = ScheduleStore(client)
    run = schedules.published_run(event)
    return schedules.unscheduled(event, run, wishes) if run else {}


def standings(client: Client, event: str, viewer: str, sent: list[RequestView], items: list[AgendaItem],
              with_help: bool = False) -> dict[str, Standing]:
    """Every sent request's state, and for a left-out one the reason. `with_help`: also what would help the
    viewer's own left-out requests. That reads the whole live schedule (every table's use), so the requests
    page, which thousands of phones refetch after a publish, leaves it to the person page a producer opens."""
    meetings = {i.meeting.wish: i for i in items}
    candidates = [v for v in sent if is_open(v.wish) and v.wish.id not in meetings]
    found = published_reasons(client, event, [v.wish.id for v in candidates])
    slots = {s.id: s for s in EventStore(client).entities(event, Slot).all()} if found else {}
    helped = [v for v in candidates if v.wish.id in found and v.wish.requester == viewer]
    helps = _helps(client, event, viewer, helped) if helped and with_help else {}
    out = {}
    for v in sent:
        state = state_of(v.wish, meetings.get(v.wish.id), v.wish.id in found)
        left_out = state in (State.LEFT_OUT, State.ACCEPTED) and v.wish.id in found
        reason = reason_of(found[v.wish.id], v, viewer, slots) if left_out else None
        out[v.wish.id] = Standing(state, reason, tuple(helps.get(v.wish.id, ())),
                                  left_out and v.wish.requester == viewer and not with_help, left_out)
    return out


def _helps(client: Client, event: str, viewer: str, left_out: list[RequestView]) -> dict[str, list[Suggestion]]:
    """Suggestions for the viewer's left-out requests, checked on the live schedule."""
    everyone = EventStore(client).entities(event, Attendee).all()
    by_org: dict[str, list[Attendee]] = {}
    for a in sorted(everyone, key=lambda a: (a.name.casefold(), a.id)):
        by_org.setdefault(a.organization, []).append(a)
    candidates = {v.wish.id: [a for a in by_org.get(v.target.organization, []) if a.id != v.target.id]
                  [:MAX_CANDIDATES] if v.target.organization else [] for v in left_out}
    people = {viewer} | {p for v in left_out for p in v.wish.participants} \
        | {a.id for found in candidates.values() for a in found}
    places = Places(_occupancy(client, event, everyone, people, [v.wish for v in left_out]))
    asked = {w.target for w in RequestStore(client, event).sent(viewer) if w.requester == viewer and is_open(w)}
    return {v.wish.id: suggestions(places, v.wish, v.target, candidates[v.wish.id], asked) for v in left_out}


def _occupancy(client: Client, event: str, everyone: list[Attendee], people: set[str],
               left_out: list[Wish]) -> Occupancy:
    """The live schedule as the checker sees it, with only the wishes of `people`'s meetings: their
    engagements and caps are exact, and every table's use is (tables are read from all meetings)."""
    store = EventStore(client)
    schedule = live_schedule(ScheduleStore(client).meetings(event), store.pitches(event))
    theirs = RequestStore(client, event).ids_of(sorted(people)) & {p.wish for p in schedule.meetings}
    wishes = [*store.entities(event, Wish).get_many(sorted(theirs)), *left_out]
    inst = Instance(store.get(event), tuple(store.entities(event, Slot).all()),
                    tuple(store.entities(event, Location).all()), tuple(everyone), tuple(wishes),
                    tuple(store.entities(event, PitchSession).all()), tuple(store.entities(event, Project).all()))
    return Occupancy(inst, schedule)
