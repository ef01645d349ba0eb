"""An attendee's agenda: their meetings by day, what awaits their answer, and answering a proposed meeting."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from forum.checker.rules import LIVE_STATUSES, is_live
from forum.domain import Attendee, Location, Meeting, MeetingStatus, Slot, Wish, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services import notify
from forum.services.attendees.pitch_agenda import PitchItem, pitches_of
from forum.services.attendees.requests import RequestView, by_importance, received_requests
from forum.services.events import zone_of
from forum.services.runs import repair
from forum.store import EventStore
from forum.store.agenda import AgendaStore
from forum.store.connection import Client
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

    kind = "meeting"

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


def local_now(client: Client, event: str) -> datetime:
    """The event's wall-clock time, as its slots are written (local, without offset)."""
    zone = zone_of(EventStore(client).get(event))
    return datetime.now(zone).replace(tzinfo=None)


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
    items = []
    for m in meetings:
        wish, slot = wishes[m.wish], slots.get(m.slot)
        if slot is None:
            continue  # a slot removed by a re-import; the next publish drops the meeting
        others = tuple(people[p] for p in wish.participants if p != attendee and p in people)
        items.append(AgendaItem(m, wish, slot, places.get(m.location, Location(m.location)), others,
                                wish.target == attendee))
    return sorted(items, key=lambda i: (i.start, i.location.id, i.meeting.id))


def agenda(client: Client, event: str, attendee: str, now: datetime | None = None) -> Agenda:
    """A request that already has a proposed meeting is answered by answering the meeting."""
    me = EventStore(client).entities(event, Attendee).get(attendee)
    items = items_of(client, event, attendee)
    placed = {i.meeting.id for i in items if is_live(i.meeting)}
    incoming = by_importance([r for r in received_requests(client, event, attendee)
                              if r.wish.status is WishStatus.PENDING and r.wish.id not in placed])
    return Agenda(me, items, incoming, now or local_now(client, event), pitches_of(client, event, attendee))


def answer_meeting(client: Client, event: str, attendee: str, meeting_id: str, decision: str,
                   seen_slot: str = "") -> Meeting:
    """Accept (the person asked) or decline (any participant) a meeting, checked against the published record.

    `seen_slot` is the slot the attendee was shown: if a publish moved the meeting since, the answer is refused.
    """
    status = ANSWERS.get(decision)
    if status is None:
        raise InvalidInput("Answer with accept or decline.")
    wish = RequestStore(client, event).find(meeting_id)
    if wish is None or attendee not in wish.participants:
        raise NotFound("There is no such meeting.")

    def change(meeting: Meeting) -> Meeting:
        if seen_slot and meeting.slot != seen_slot:
            raise Conflict("This meeting has just moved; check its new time and answer again.")
        if status is MeetingStatus.ACCEPTED and wish.target != attendee:
            raise Conflict("Only the person asked can accept this meeting.")
        allowed = (MeetingStatus.PROPOSED,) if status is MeetingStatus.ACCEPTED else LIVE_STATUSES
        if meeting.status not in allowed:
            raise Conflict(f"This meeting is already {meeting.status.value}.")
        return replace(meeting, status=status)

    _, after = AgendaStore(client, event).change(meeting_id, change)
    if status is MeetingStatus.ACCEPTED and wish.status is WishStatus.PENDING:
        _accept_request(client, event, wish)
    message = {"type": f"meeting.{status.value}", "meeting": after.id}
    notify.tell(client, event, wish.participants, message)
    notify.to_organizers(client, event, {**message, "by": attendee})
    if status is MeetingStatus.DECLINED:
        _repair(client, event)
    return after


def _accept_request(client: Client, event: str, wish: Wish) -> None:
    """Accepting the meeting accepts the request it answers, if nobody changed the request meanwhile."""
    def change(current: Wish) -> Wish:
        return replace(current, status=WishStatus.ACCEPTED) if current.status is WishStatus.PENDING else current

    RequestStore(client, event).change(wish.id, change)


def _repair(client: Client, event: str) -> None:
    """Ask for a repair run so a freed slot can be given to someone else (the workers start it, rate-limited)."""
    repair.request_repair(client, event)
