"""Meeting requests: producers ask; the person asked accepts, declines or reopens; the requester may withdraw."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from forum.checker.rules import OPEN_STATUSES, is_open
from forum.domain import Attendee, Importance, Role, Slot, SlotKind, Window, Wish, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound, TooManyAttempts
from forum.services import mailing, notify
from forum.services.attendees.cancellation import cancel_meeting_of, retire_declined_meeting
from forum.store import EntityStore, EventStore
from forum.store.arrivals import ArrivalStore
from forum.store.connection import Client, StoreError
from forum.store.rates import RateCounter
from forum.store.requests import RequestStore

log = logging.getLogger("forum.services")

# Roles that take meeting requests: the people producers come to the market to meet.
TAKES_REQUESTS = {Role.BUYER.value, Role.DISTRIBUTOR.value, Role.COMMISSIONER.value, Role.FINANCIER.value,
                  Role.OTHER.value}
MAX_MESSAGE = 500
MAX_COLLEAGUES = 5
# Requests sent plus withdrawn per attendee in a window: a person asks a few an hour; a script asks hundreds.
CHURN_LIMIT, CHURN_WINDOW = 30, 600
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


def can_join(me: Attendee, other: Attendee) -> bool:
    """Whether `other` may join a meeting `me` asks for: someone else of my own (named) organization who is on
    the asking side, not an organizer and not someone who takes requests (they are the people asked)."""
    return (bool(me.organization) and other.organization == me.organization and other.id != me.id
            and other.role != Role.ORGANIZER.value and not takes_requests(other))


def _colleagues(client: Client, event: str, me: Attendee, target: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if not chosen:
        return ()
    if not me.organization:
        raise InvalidInput("Colleagues can join only when your profile names your organization; "
                           "ask the organizers to add it.")
    if len(chosen) > MAX_COLLEAGUES:
        raise InvalidInput(f"Choose at most {MAX_COLLEAGUES} colleagues.")
    found = {a.id: a for a in _people(client, event).get_many(list(chosen))}
    for ident in chosen:
        colleague = found.get(ident)
        if colleague is None or ident in (me.id, target):
            raise InvalidInput("Colleagues must be other attendees of this event.")
        if colleague.organization != me.organization:
            raise InvalidInput(f"{colleague.name} is not from {me.organization}; only colleagues can join.")
        if not can_join(me, colleague):
            raise InvalidInput(f"{colleague.name} cannot join: organizers and people who take meeting requests "
                               "are never colleagues on a request.")
    return chosen


def _check_churn(client: Client, event: str, attendee: str) -> None:
    """Refuse once an attendee has sent or withdrawn CHURN_LIMIT requests in the current window.

    Only what went through is counted (`_count_churn`): a refused form writes nothing, not even a count.
    """
    if RateCounter(client).count(event, "requests", attendee) >= CHURN_LIMIT:
        raise TooManyAttempts(f"You have sent or withdrawn {CHURN_LIMIT} requests in the last "
                              f"{CHURN_WINDOW // 60} minutes; please wait a few minutes and try again.")


def _count_churn(client: Client, event: str, attendee: str) -> None:
    try:
        RateCounter(client).hit(event, "requests", attendee, CHURN_WINDOW)
    except StoreError as exc:  # the request is saved: a count lost (a full store) must not report it failed
        log.warning("request count of %s in %s not saved: %s", attendee, event, exc)


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
    limit = EventStore(client).get(event).max_open_requests
    _check_churn(client, event, me.id)
    wish = Wish(
        id=f"r-{secrets.token_hex(6)}", requester=me.id, target=target.id, weight=form.importance.value,
        colleagues=_colleagues(client, event, me, target.id, form.colleagues),
        within=_within(client, event, form.days), message=form.message.strip(),
    )
    RequestStore(client, event).add(wish, limit)  # also refuses a second open request, a re-ask, the limit
    _count_churn(client, event, me.id)
    ArrivalStore(client, event).arrived(target.id, wish.id, datetime.now().timestamp())  # for "newest first"
    notify.tell(client, event, [target.id, *wish.colleagues], {"type": "request.new", "wish": wish.id})
    mailing.request_created(client, event, wish)
    return wish


def withdraw(client: Client, event: str, requester: str, wish_id: str) -> Wish:
    """The requester takes a request back; the person asked and any colleagues are told."""
    def change(wish: Wish) -> Wish:
        if wish.requester != requester:
            raise NotFound("There is no such request.")  # someone else's: say nothing more
        if not is_open(wish):
            raise Conflict(f"This request is already {wish.status.value}.")
        return replace(wish, status=WishStatus.WITHDRAWN)

    _check_churn(client, event, requester)
    _, after = RequestStore(client, event).change(wish_id, change)
    _count_churn(client, event, requester)
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


def reopen(client: Client, event: str, target: str, wish_id: str) -> Wish:
    """The person asked takes back a decline: the request is pending again, and its requester is told."""
    _, after = RequestStore(client, event).reopen(wish_id, target)
    retire_declined_meeting(client, event, after)
    notify.tell(client, event, [after.requester, *after.colleagues, after.target],
                {"type": "request.reopened", "wish": after.id})
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
