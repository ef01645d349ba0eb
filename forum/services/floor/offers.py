"""Standby offers as their recipients see them, and taking one: first come, first served, never twice."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from forum.checker.rules import is_live, is_open
from forum.domain import Attendee, Location, Meeting, MeetingStatus, Slot, Wish, WishStatus
from forum.errors import Conflict, NotFound
from forum.services import notify
from forum.services.events import local_now
from forum.services.floor.places import occupancy, table_for
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.offers import Offer, OfferStore
from forum.store.requests import RequestStore
from forum.store.schedule import ScheduleStore

TAKEN = "Someone else took this slot."


@dataclass(frozen=True)
class OfferView:
    """"Anna Berg (Nordic Films) is free at 14:30, table 12 — take it?" """

    offer: Offer
    person: Attendee
    slot: Slot
    table: Location


def visible(offer: Offer, recipient: str, now: datetime, live: dict[str, Meeting]) -> bool:
    """Open to `recipient` now: not taken, opened (past a decline's undo window), not expired, its freed
    meeting not live again (an undone decline), and the recipient's wish still unmet."""
    wish = offer.wish_of(recipient)
    return (not offer.taken_by and wish is not None and offer.visible_from <= now.isoformat() < offer.expires
            and offer.freed not in live and wish not in live)


def offers_for(client: Client, event: str, attendee: str, now: datetime | None = None) -> list[OfferView]:
    """The offers the attendee can take now, those whose people are all still free then."""
    found = OfferStore(client, event).of(attendee)
    if not found:
        return []
    now = now or local_now(client, event)
    meetings = ScheduleStore(client).meetings(event)
    live = {m.id: m for m in meetings if is_live(m)}
    shown = [o for o in found if visible(o, attendee, now, live)]
    if not shown:
        return []
    store, requests = EventStore(client), RequestStore(client, event)
    wishes = {w.id: w for w in requests.wishes.get_many([str(o.wish_of(attendee)) for o in shown]) if is_open(w)}
    people = {w.id: w for o in shown for w in [wishes.get(str(o.wish_of(attendee)))] if w is not None}
    if not people:
        return []
    engaged = occupancy(client, event, {p for w in people.values() for p in w.participants}, meetings)
    slots = {s.id: s for s in store.entities(event, Slot).get_many(sorted({o.slot for o in shown}))}
    out = []
    for o in sorted(shown, key=lambda o: (o.slot, o.id)):
        wish, slot = people.get(str(o.wish_of(attendee))), slots.get(o.slot)
        if wish is not None and slot is not None and table_for(engaged, wish, slot, o.table):
            person = store.entities(event, Attendee).find(o.person) or Attendee(o.person, o.person)
            table = store.entities(event, Location).find(o.table) or Location(o.table)
            out.append(OfferView(o, person, slot, table))
    return out


def take(client: Client, event: str, attendee: str, offer_id: str, now: datetime | None = None) -> Meeting:
    """Take the offer: an accepted meeting at its slot, on the freed table or the first free one. Refused once
    someone else took it, once it expired, or when a person or every table is no longer free then."""
    offers = OfferStore(client, event)
    first = offers.find(offer_id)
    if first is None or first.wish_of(attendee) is None:
        raise NotFound("There is no such offer.")
    now = now or local_now(client, event)
    requests, slots = RequestStore(client, event), EventStore(client).entities(event, Slot)

    def claim(offer: Offer, meetings: list[Meeting]) -> Meeting:
        if offer.taken_by:
            raise Conflict("You took this slot already." if offer.taken_by == attendee else TAKEN)
        if now.isoformat() < offer.visible_from:
            raise Conflict("This offer is not open yet.")
        if now.isoformat() >= offer.expires:
            raise Conflict("This offer has expired: the slot can no longer be taken.")
        wish, slot = requests.find(str(offer.wish_of(attendee))), slots.find(offer.slot)
        live = {m.id for m in meetings if is_live(m)}
        if wish is None or slot is None or not is_open(wish) or wish.id in live:
            raise Conflict("Your request is no longer open, or already has a meeting.")
        if offer.freed in live:
            raise Conflict("The freed meeting is back on: this slot is no longer free.")
        table = table_for(occupancy(client, event, wish.participants, meetings), wish, slot, offer.table)
        if table is None:
            raise Conflict("Someone in this meeting, or every table, is no longer free then.")
        return Meeting(wish.id, wish.id, slot.id, table, MeetingStatus.ACCEPTED)

    taken, meeting = offers.claim(offer_id, attendee, claim)
    _accept_request(client, event, attendee, meeting.wish)
    _announce(client, event, taken, meeting)
    return meeting


def _accept_request(client: Client, event: str, attendee: str, wish_id: str) -> None:
    """The person asked who takes the slot accepts the request too (a requester's taking answers nothing)."""
    def change(current: Wish) -> Wish:
        pending = current.status is WishStatus.PENDING and current.target == attendee
        return replace(current, status=WishStatus.ACCEPTED) if pending else current

    RequestStore(client, event).change(wish_id, change)


def _announce(client: Client, event: str, offer: Offer, meeting: Meeting) -> None:
    wish = RequestStore(client, event).find(meeting.wish)
    people = wish.participants if wish is not None else (offer.taken_by, offer.person)
    message = {"type": "floor.taken", "offer": offer.id, "meeting": meeting.id}
    notify.tell(client, event, people, message)
    notify.tell(client, event, [r for r, _ in offer.wishes if r not in people], {**message, "meeting": ""})
    notify.to_organizers(client, event, {**message, "by": offer.taken_by})


def pass_on(client: Client, event: str, attendee: str, offer_id: str) -> None:
    """Not interested: the offer leaves the attendee's page (others can still take it)."""
    offers = OfferStore(client, event)
    found = offers.find(offer_id)
    if found is None or found.wish_of(attendee) is None:
        raise NotFound("There is no such offer.")
    offers.pass_on(attendee, offer_id)
