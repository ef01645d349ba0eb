"""Standby: a slot freed on the day (a no-show, a final decline, a cancel) is offered to whoever wished to
meet the person now free then, and is free then too. Taking an offer is in `offers.py`."""

from __future__ import annotations

import hashlib
from datetime import datetime

from forum.checker.rules import is_live, is_open
from forum.domain import Meeting, Slot, Wish
from forum.services import notify
from forum.services.events import local_now, local_time
from forum.services.floor.clock import take_until
from forum.services.floor.places import occupancy, table_for
from forum.store import EventStore
from forum.store.attendance import AttendanceStore
from forum.store.connection import Client
from forum.store.offers import Offer, OfferStore, due_offers
from forum.store.requests import RequestStore
from forum.store.schedule import ScheduleStore


def offer_id(event: str, meeting: str, person: str, slot: str) -> str:
    """One offer per freed meeting, person and slot: freeing the same slot twice makes no second offer."""
    return hashlib.sha256(f"{event}\0{meeting}\0{person}\0{slot}".encode()).hexdigest()[:20]


def slot_freed(client: Client, event: str, meeting_id: str, not_before: float = 0.0,
               now: datetime | None = None) -> list[Offer]:
    """Offer the freed meeting's slot and table to those who wished to meet each participant who is now free.

    Only on the meeting's own day, and only while the slot can still be taken. `not_before` (epoch seconds)
    is when the offers open: a decline waits for its undo window; an undone decline makes its meeting live
    again, and the offers then never show (see `offers.visible`).
    """
    store = EventStore(client)
    meeting = store.entities(event, Meeting).find(meeting_id)
    slot = store.entities(event, Slot).find(meeting.slot) if meeting is not None else None
    wish = RequestStore(client, event).find(meeting.wish) if meeting is not None else None
    now = now or local_now(client, event)
    if meeting is None or slot is None or wish is None or slot.start.date() != now.date():
        return []
    opens = max(now, local_time(client, event, not_before)) if not_before > 0 else now
    expires = take_until(slot, opens)
    if opens >= expires:
        return []
    absent = AttendanceStore(client, event).get(meeting_id).absent
    meetings = ScheduleStore(client).meetings(event)
    made = []
    for person in (wish.requester, wish.target):
        if person not in absent:
            offer = _offer(client, event, meeting, slot, person, set(absent), meetings, (opens, expires))
            if offer is not None and OfferStore(client, event).add(offer, not_before if opens > now else None):
                made.append(offer)
                if opens <= now:
                    notify.tell(client, event, [r for r, _ in offer.wishes], {"type": "floor.offer", "offer": offer.id})
    if made:
        notify.to_organizers(client, event, {"type": "floor.offer", "meeting": meeting_id, "offers": len(made)})
    return made


def candidates(wishes: list[Wish], person: str, left_out: set[str], met: set[str]) -> dict[str, Wish]:
    """Per recipient, their most wanted open, unmet wish with `person`: the requesters who asked for them
    and the people they asked for (never someone reported absent)."""
    out: dict[str, Wish] = {}
    for w in sorted(wishes, key=lambda w: (-w.weight, w.id)):
        other = w.requester if w.target == person else w.target if w.requester == person else None
        if other and other not in left_out and other not in out and is_open(w) and w.id not in met:
            out[other] = w
    return out


def _offer(client: Client, event: str, freed: Meeting, slot: Slot, person: str, absent: set[str],
           meetings: list[Meeting], times: tuple[datetime, datetime]) -> Offer | None:
    requests = RequestStore(client, event)
    met = {m.wish for m in meetings if is_live(m)} | {freed.wish}
    wanted = candidates([*requests.sent(person), *requests.received(person)], person, absent | {person}, met)
    if not wanted:
        return None
    found = occupancy(client, event, {person, *[p for w in wanted.values() for p in w.participants]}, meetings)
    free = {r: w for r, w in wanted.items() if table_for(found, w, slot, freed.location)}
    if not free:
        return None
    taken = any(e.window.overlaps(slot.window) for e in found.taken.get(freed.location, ()))
    table = (found.first_free_table(slot) if taken else None) or freed.location  # shown; the taker's is checked
    return Offer(offer_id(event, freed.id, person, slot.id), event, freed.id, person, slot.id, table,
                 tuple((r, w.id) for r, w in sorted(free.items())), times[0].isoformat(), times[1].isoformat())


def announce_due(client: Client, until: float) -> int:
    """Tell the recipients of offers that opened by `until` (epoch seconds): the workers' sweeper calls this,
    so an offer waiting for a decline's undo window reaches phones when it opens. Returns how many."""
    told = 0
    for event, ids in due_offers(client, until).items():
        offers = OfferStore(client, event)
        for ident in ids:
            offer = offers.find(ident)
            if offer is not None and not offer.taken_by:
                notify.tell(client, event, [r for r, _ in offer.wishes], {"type": "floor.offer", "offer": ident})
                told += 1
    return told


def places_on_offer(client: Client, event: str, now: datetime | None = None) -> list[Offer]:
    """Freed places whose standby offers are still open: on the day, the first taker gets such a place, so
    the repair run must not give it to someone else meanwhile."""
    return OfferStore(client, event).open((now or local_now(client, event)).isoformat())
