"""A small market for attendee tests: two producer companies, buyers, an organizer, two days in 2030."""

from __future__ import annotations

from datetime import datetime, timedelta

from forum.domain import Attendee, Event, Instance, Location, Meeting, MeetingStatus, Slot, Window, Wish
from forum.store import EventStore
from forum.store.requests import RequestStore
from forum.store.sessions import SessionStore

EVENT = "lille"
DAY1 = datetime(2030, 3, 19)
DAYS = ("2030-03-19", "2030-03-20")


def _slot(day: int, hour: float) -> Slot:
    start = DAY1 + timedelta(days=day, hours=hour)
    return Slot(f"d{day}-{int(hour * 60)}", Window(start, start + timedelta(minutes=30)))


def market(event: str = EVENT) -> Instance:
    people = (
        Attendee("p1", "Paula Producer", "Lille Films", "producer", "CEO", "FR", looking_for="co-production"),
        Attendee("p2", "Pierre Colleague", "Lille Films", "producer", country="FR"),
        Attendee("p3", "Olaf Other", "Other Prod", "producer", country="NO"),
        Attendee("b1", "Bea Buyer", "Nordic TV", "buyer", "Head of Drama", "DK", looking_for="crime drama"),
        Attendee("b2", "Ben Distributor", "Global Dist", "distributor", country="US", looking_for="comedy"),
        Attendee("o1", "Olga Organizer", "Series Mania", "organizer"),
    )
    slots = tuple(_slot(day, hour) for day in (0, 1) for hour in (9, 9.5, 10, 10.5))
    return Instance(
        event=Event(event, "Lille Forum 2030"),
        slots=slots,
        locations=(Location("T1", name="Table 1", area="Hall A"), Location("T2", name="Table 2")),
        attendees=people,
        wishes=(Wish("w-other", "p3", "b1", 3, message="Nordic noir"),),
    )


def load(store: EventStore, event: str = EVENT) -> None:
    store.import_instance(market(event))
    RequestStore(store.client, event).sent("p1")  # builds the by-person index, so snapshots compare like for like


def session(store: EventStore, attendee: str, event: str = EVENT) -> tuple[str, str]:
    """(cookie, csrf) of a fresh session for `attendee`."""
    sessions = SessionStore(store.client)
    cookie = sessions.create(event, attendee)
    record = sessions.get(cookie)
    assert record is not None
    return cookie, record.csrf


def place(store: EventStore, wish: str, slot: str = "d0-540", table: str = "T1",
          status: MeetingStatus = MeetingStatus.PROPOSED, event: str = EVENT) -> Meeting:
    """Put a meeting in the published schedule directly, as a publish would."""
    meeting = Meeting(wish, wish, slot, table, status)
    store.entities(event, Meeting).put(meeting)
    return meeting


def wish(store: EventStore, ident: str, event: str = EVENT) -> Wish:
    return store.entities(event, Wish).get(ident)
