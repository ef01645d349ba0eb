"""An attendee's agenda: their meetings by day, what awaits their answer, and answering a proposed meeting."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from forum.checker.rules import LIVE_STATUSES, is_live, is_open
from forum.domain import Attendee, Location, Meeting, MeetingStatus, Project, Slot, Wish, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services import notify
from forum.services.attendees.declines import UNDO_SECONDS
from forum.services.attendees.pitch_agenda import PitchItem, pitches_of
from forum.services.attendees.requests import RequestView, importance_name
from forum.services.attendees.triage import awaiting
from forum.services.events import local_now
from forum.services.floor import standby
from forum.services.runs import repair
from forum.store import EventStore
from forum.store.agenda import AgendaStore
from forum.store.connection import Client
from forum.store.declines import Declined, DeclineStore
from forum.store.requests import RequestStore

ANSWERS = {"accept": MeetingStatus.ACCEPTED, "decline": MeetingStatus.DECLINED}


@dataclass(frozen=True)
class AgendaItem:
    meeting: Meeting
    wish: Wish
    slot: Slot
    location: Location
    others: tuple[Attendee, ...]  # everyone in the meeting but the viewer
    mine_to_accept: bool  # the person asked accepts; any participant may decline
    projects: tuple[str, ...] = ()  # titles of the projects the requester presents

    kind = "meeting"

    @property
    def importance(self) -> str:
        return importance_name(self.wish.weight)

    @property
    def requester(self) -> Attendee | None:
        return next((a for a in self.others if a.id == self.wish.requester), None)

    @property
    def colleagues(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.others if a.id in self.wish.colleagues)

    @property
    def start(self) -> datetime:
        return self.slot.window.start

    @property
    def end(self) -> datetime:
        return self.slot.window.end


@dataclass
class Agenda:
    me: Attendee
    items: list[AgendaItem]  # every meeting of the viewer's, in time order
    incoming: list[RequestView] = field(default_factory=list)  # pending requests to answer
    now: datetime | None = None
    pitches: list[PitchItem] = field(default_factory=list)

    @property
    def live(self) -> list[AgendaItem]:
        return [i for i in self.items if is_live(i.meeting)]

    @property
    def to_answer(self) -> list[AgendaItem]:
        return [i for i in self.live if i.meeting.status is MeetingStatus.PROPOSED]

    @property
    def next(self) -> AgendaItem | None:
        return next((i for i in self.live if self.now is None or i.end > self.now), None)

    @property
    def days(self) -> list[tuple[date, list[AgendaItem | PitchItem]]]:
        """Live meetings and pitch sessions, by day and time."""
        out: dict[date, list[AgendaItem | PitchItem]] = {}
        both: list[AgendaItem | PitchItem] = [*self.live, *self.pitches]
        for item in sorted(both, key=lambda i: (i.start, i.kind)):
            out.setdefault(item.start.date(), []).append(item)
        return sorted(out.items())


def items_of(client: Client, event: str, attendee: str) -> list[AgendaItem]:
    """Every meeting of the attendee (any status), joined with its slot, table and counterparts."""
    requests = RequestStore(client, event)
    wishes = {w.id: w for w in [*requests.sent(attendee), *requests.received(attendee)]}
    meetings = AgendaStore(client, event).meetings_of(list(wishes))
    store = EventStore(client)
    slots = {s.id: s for s in store.entities(event, Slot).get_many(sorted({m.slot for m in meetings}))}
    places = {x.id: x for x in store.entities(event, Location).get_many(sorted({m.location for m in meetings}))}
    people_ids = sorted({p for w in wishes.values() for p in w.participants} - {attendee})
    people = {a.id: a for a in store.entities(event, Attendee).get_many(people_ids)}
    projects = _projects_of(store, event, {wishes[m.wish].requester for m in meetings if is_live(m)})
    items = []
    for m in meetings:
        wish, slot = wishes[m.wish], slots.get(m.slot)
        if slot is None:
            continue  # a slot removed by a re-import; the next publish drops the meeting
        others = tuple(people[p] for p in wish.participants if p != attendee and p in people)
        items.append(AgendaItem(m, wish, slot, places.get(m.location, Location(m.location)), others,
                                wish.target == attendee, projects.get(wish.requester, ())))
    return sorted(items, key=lambda i: (i.start, i.location.id, i.meeting.id))


def _projects_of(store: EventStore, event: str, people: set[str]) -> dict[str, tuple[str, ...]]:
    """The titles of the projects each of `people` presents (the producer's side of a meeting)."""
    if not people:
        return {}
    out: dict[str, list[str]] = {}
    for project in store.entities(event, Project).all():
        for who in set(project.presenters) & people:
            out.setdefault(who, []).append(project.title)
    return {who: tuple(sorted(titles)) for who, titles in out.items()}


def agenda(client: Client, event: str, attendee: str, now: datetime | None = None) -> Agenda:
    """A request that already has a proposed meeting is answered by answering the meeting; one whose meeting
    was declined is answered for good (`rules.awaits_answer`)."""
    me = EventStore(client).entities(event, Attendee).get(attendee)
    items = items_of(client, event, attendee)
    incoming = awaiting(client, event, attendee, {i.meeting.id: i.meeting for i in items})
    return Agenda(me, items, incoming, now or local_now(client, event), pitches_of(client, event, attendee))


def answer_meeting(client: Client, event: str, attendee: str, meeting_id: str, decision: str,
                   seen_slot: str = "") -> Meeting:
    """Accept (the person asked) or decline (any participant) a meeting, checked against the published record.

    `seen_slot` is the slot the attendee was shown: if a publish moved the meeting since, the answer is refused.
    """
    status = ANSWERS.get(decision)
    if status is None:
        raise InvalidInput("Answer with accept or decline.")
    if status is MeetingStatus.DECLINED:
        return decline(client, event, attendee, meeting_id, seen_slot).meeting_after
    wish = _wish_of(client, event, attendee, meeting_id)

    def change(meeting: Meeting) -> Meeting:
        _check_seen(meeting, seen_slot)
        if wish.target != attendee:
            raise Conflict("Only the person asked can accept this meeting.")
        if meeting.status is not MeetingStatus.PROPOSED:
            raise Conflict(f"This meeting is already {meeting.status.value}.")
        return replace(meeting, status=status)

    _, after = AgendaStore(client, event).change(meeting_id, change)
    if wish.status is WishStatus.PENDING:
        _accept_request(client, event, wish)
    message = {"type": f"meeting.{status.value}", "meeting": after.id}
    notify.tell(client, event, wish.participants, message)
    notify.to_organizers(client, event, {**message, "by": attendee})
    return after


def decline(client: Client, event: str, attendee: str, meeting_id: str, seen_slot: str = "") -> Declined:
    """Decline a meeting at once; the person asked declines its request with it (so it never comes back to be
    answered). Undoable for UNDO_SECONDS (see declines.undo), and its slot is offered to no one before then."""
    _wish_of(client, event, attendee, meeting_id)

    def decide(meeting: Meeting, wish: Wish) -> tuple[Meeting, Wish]:
        _check_seen(meeting, seen_slot)
        if meeting.status not in LIVE_STATUSES:
            raise Conflict(f"This meeting is already {meeting.status.value}.")
        answered = replace(wish, status=WishStatus.DECLINED) if wish.target == attendee and is_open(wish) else wish
        return replace(meeting, status=MeetingStatus.DECLINED), answered

    now = time.time()
    record = DeclineStore(client, event).decline(meeting_id, attendee, decide, now, now + UNDO_SECONDS)
    message = {"type": "meeting.declined", "meeting": meeting_id}
    notify.tell(client, event, record.wish_after.participants, message)
    notify.to_organizers(client, event, {**message, "by": attendee})
    _repair(client, event, record.until)
    standby.slot_freed(client, event, meeting_id, record.until)  # on the meeting's day, once the undo window closes
    return record


def _wish_of(client: Client, event: str, attendee: str, meeting_id: str) -> Wish:
    wish = RequestStore(client, event).find(meeting_id) if len(meeting_id) <= 100 else None
    if wish is None or attendee not in wish.participants:
        raise NotFound("There is no such meeting.")
    return wish


def _check_seen(meeting: Meeting, seen_slot: str) -> None:
    if seen_slot and meeting.slot != seen_slot:
        raise Conflict("This meeting has just moved; check its new time and answer again.")


def _accept_request(client: Client, event: str, wish: Wish) -> None:
    """Accepting the meeting accepts the request it answers, if nobody changed the request meanwhile."""
    def change(current: Wish) -> Wish:
        return replace(current, status=WishStatus.ACCEPTED) if current.status is WishStatus.PENDING else current

    RequestStore(client, event).change(wish.id, change)


def _repair(client: Client, event: str, not_before: float) -> None:
    """Ask for a repair run so a freed slot can be given to someone else (the workers start it, rate-limited),
    once the decline's undo window has closed."""
    repair.request_repair(client, event, not_before=not_before)
