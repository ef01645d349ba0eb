"""A small market for mail tests: attendees with addresses (one French), two days of slots."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from forum.domain import Attendee, Event, Instance, Location, Meeting, MeetingStatus, Slot, Window
from forum.store import EventStore

EVENT = "lille"
FIRST_DAY = date(2030, 3, 19)


def market(first_day: date = FIRST_DAY, event: str = EVENT) -> Instance:
    day1 = datetime(first_day.year, first_day.month, first_day.day)
    slots = tuple(Slot(f"d{d}-{h}", Window(day1 + timedelta(days=d, hours=h), day1 + timedelta(days=d, hours=h,
                                                                                               minutes=30)))
                  for d in (0, 1) for h in (9, 10, 11))
    people = (
        Attendee("p1", "Paula Producer", "Lille Films", "producer", email="paula@example.org"),
        Attendee("p2", "Pierre Colleague", "Lille Films", "producer", email="pierre@example.org"),
        Attendee("b1", "Bea Buyer", "Nordic TV", "buyer", "Head of Drama", email="bea@example.org"),
        Attendee("b2", "Benoît Acheteur", "Canal Nord", "buyer", email="benoit@example.org"),
        Attendee("b3", "No Address", "Quiet TV", "buyer"),
        Attendee("o1", "Olga Organizer", "Series Mania", "organizer", email="olga@example.org"),
    )
    return Instance(event=Event(event, "Lille Forum 2030"), slots=slots,
                    locations=(Location("T1", name="Table 1", area="Hall A"), Location("T2", name="Table 2")),
                    attendees=people, wishes=())


def load(store: EventStore, first_day: date = FIRST_DAY, event: str = EVENT) -> None:
    store.import_instance(market(first_day, event))


def place(store: EventStore, wish: str, slot: str, table: str = "T1",
          status: MeetingStatus = MeetingStatus.PROPOSED, event: str = EVENT) -> None:
    store.entities(event, Meeting).put(Meeting(wish, wish, slot, table, status))
