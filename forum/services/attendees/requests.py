"""Meeting requests: producers ask, the person asked accepts or declines, the requester may withdraw."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from forum.checker.rules import OPEN_STATUSES, is_open
from forum.domain import Attendee, Importance, Role, Slot, SlotKind, Window, Wish, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services import notify
from forum.services.attendees.cancellation import cancel_meeting_of
from forum.store import EntityStore, EventStore
from forum.store.connection import Client
from forum.store.requests import RequestStore

# Roles that take meeting requests: the people producers come to the market to meet.
TAKES_REQUESTS = {Role.BUYER.value, Role.DISTRIBUTOR.value, Role.COMMISSIONER.value, Role.FINANCIER.value,
                  Role.OTHER.value}
MAX_MESSAGE = 500
MAX_COLLEAGUES = 5
MAX_OPEN_REQUESTS = 300
ANSWERS = {"accept": WishStatus.ACCEPTED, "decline": WishStatus.DECLINED}


@dataclass(frozen=True)
class NewRequest:
    """A producer's request as the web read it from the form: typed, not yet checked against the event."""

    target: str
    importance: Importance
    message: str = ""
    colleagues: tuple[str, ...] = ()
    days: tuple[date, ...] = ()


@dataclass(frozen=True)
class RequestView:
    wish: Wish
    requester: Attendee
    target: Attendee
    colleagues: tuple[Attendee, ...]

    @property
    def importance(self) -> str:
        return importance_name(self.wish.weight)


def importance_name(weight: int) -> str:
    """The importance word for a weight; imported weights in between round down."""
    best = Importance.IF_POSSIBLE
    for level in sorted(Importance, key=lambda i: i.value):
        if weight >= level.value:
            best = level
    return best.name.lower()


def takes_requests(attendee: Attendee) -> bool:
    return attendee.role in TAKES_REQUESTS


def event_days(client: Client, event: str) -> list[date]:
    slots = EventStore(client).entities(event, Slot).all()
    return sorted({s.start.date() for s in slots if s.kind is SlotKind.MEETING})


def _people(client: Client, event: str) -> EntityStore[Attendee]:
    return EventStore(client).entities(event, Attendee)


def _colleagues(client: Client, event: str, me: Attendee, target: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if len(chosen) > MAX_COLLEAGUES:
        raise InvalidInput(f"Choose at most {MAX_COLLEAGUES} colleagues.")
    found = {a.id: a for a in _people(client, event).get_many(list(chosen))}
    for ident in chosen:
        colleague = found.get(ident)
        if colleague is None or ident in (me.id, target):
            raise InvalidInput("Colleagues must be other attendees of this event.")
        if me.organization and colleague.organization != me.organization:
            raise InvalidInput(f"{colleague.name} is not from {me.organization}; only colleagues can join.")
    return chosen


def _within(client: Client, event: str, days: tuple[date, ...]) -> tuple[Window, ...] | None:
    if not days:
        return None
    if not set(days) <= set(event_days(client, event)):
        raise InvalidInput("Preferred days must be days of the event.")
    start = [datetime.combine(d, time()) for d in sorted(set(days))]
    return tuple(Window(s, s + timedelta(days=1)) for s in start)


def _check_form(form: NewRequest) -> None:
    if not form.target.strip():
        raise InvalidInput("Choose whom you want to meet.")
    if len(form.message) > MAX_MESSAGE:
        raise InvalidInput(f"The message is too long: at most {MAX_MESSAGE} characters.")
    if len(form.days) > 31:
        raise InvalidInput("Preferred days must be days of the event.")


def create_request(client: Client, event: str, requester: str, form: NewRequest) -> Wish:
    """A new pending request; the person asked is told at once."""
    _check_form(form)
    people = _people(client, event)
    me: Attendee = people.get(requester)
    target: Attendee | None = people.find(form.target.strip())
    if target is None:
        raise NotFound("There is no such attendee at this event.")
    if target.id == me.id:
        raise InvalidInput("You cannot ask yourself for a meeting.")
    if not takes_requests(target):
        raise InvalidInput(f"{target.name} does not take meeting requests.")
    store = RequestStore(client, event)
    if sum(1 for w in store.sent(me.id) if is_open(w)) >= MAX_OPEN_REQUESTS:
        raise Conflict(f"You have {MAX_OPEN_REQUESTS} open requests; withdraw some before asking again.")
    wish = Wish(
        id=f"r-{secrets.token_hex(6)}", requester=me.id, target=target.id, weight=form.importance.value,
        colleagues=_colleagues(client, event, me, target.id, form.colleagues),
        within=_within(client, event, form.days), message=form.message.strip(),
    )
    store.add(wish)
    notify.tell(client, event, [target.id, *wish.colleagues], {"type": "request.new", "wish": wish.id})
    return wish


def withdraw(client: Client, event: str, requester: str, wish_id: str) -> Wish:
    """The requester takes a request back; the person asked and any colleagues are told."""
    def change(wish: Wish) -> Wish:
        if wish.requester != requester:
            raise NotFound("There is no such request.")  # someone else's: say nothing more
        if not is_open(wish):
            raise Conflict(f"This request is already {wish.status.value}.")
        return replace(wish, status=WishStatus.WITHDRAWN)

    _, after = RequestStore(client, event).change(wish_id, change)
    cancel_meeting_of(client, event, after)
    notify.tell(client, event, [after.target, *after.colleagues], {"type": "request.withdrawn", "wish": after.id})
    return after


def answer(client: Client, event: str, target: str, wish_id: str, decision: str) -> Wish:
    """The person asked accepts or declines a pending request (or declines one accepted earlier)."""
    status = ANSWERS.get(decision)
    if status is None:
        raise InvalidInput("Answer with accept or decline.")

    def change(wish: Wish) -> Wish:
        if wish.target != target:
            raise NotFound("There is no such request.")
        allowed = (WishStatus.PENDING,) if status is WishStatus.ACCEPTED else OPEN_STATUSES
        if wish.status not in allowed:
            raise Conflict(f"This request is already {wish.status.value}.")
        return replace(wish, status=status)

    _, after = RequestStore(client, event).change(wish_id, change)
    if status is WishStatus.DECLINED:
        cancel_meeting_of(client, event, after)
    notify.tell(client, event, [after.requester, *after.colleagues, after.target],
         {"type": f"request.{status.value}", "wish": after.id})
    return after


def views(client: Client, event: str, wishes: list[Wish]) -> list[RequestView]:
    ids = {i for w in wishes for i in w.participants}
    people = {a.id: a for a in _people(client, event).get_many(sorted(ids))}
    unknown = Attendee("?", "(unknown attendee)")
    return [RequestView(w, people.get(w.requester, unknown), people.get(w.target, unknown),
                        tuple(people.get(c, unknown) for c in w.colleagues)) for w in wishes]


def by_importance(found: list[RequestView]) -> list[RequestView]:
    """Most wanted first, then by the requester's name: the order a buyer answers in."""
    return sorted(found, key=lambda r: (-r.wish.weight, r.requester.name.casefold(), r.wish.id))


def sent_requests(client: Client, event: str, attendee: str) -> list[RequestView]:
    return views(client, event, RequestStore(client, event).sent(attendee))


def received_requests(client: Client, event: str, attendee: str) -> list[RequestView]:
    return views(client, event, RequestStore(client, event).received(attendee))
