"""A small market floor for the floor tests: a buyer, the producers who wished to meet her, three slots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from forum.domain import Attendee, Event, Instance, Location, Meeting, MeetingStatus, Slot, Window, Wish
from forum.store import EventStore
from forum.store.requests import RequestStore

EVENT = "floor"
DAY = datetime(2030, 3, 19)
EXTRA = tuple(f"p{i}" for i in range(5, 13))  # more producers who wished to meet Anna, for the races


def midday_zone() -> str:
    """A fixed-offset zone where it is about noon now, so tests that build slots around the real clock
    never straddle midnight, whenever CI runs."""
    offset = 12 - datetime.now(UTC).hour  # -11 .. +12, all valid Etc/GMT offsets
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"  # POSIX sign: Etc/GMT-2 is UTC+2


ZONE = midday_zone()  # once per test run: every market() of the run then shares one zone


def local_now() -> datetime:
    """The market's wall-clock time now, as its slots are written (local, without offset)."""
    return datetime.now(ZoneInfo(ZONE)).replace(tzinfo=None)


def slots(start: datetime) -> tuple[Slot, ...]:
    """s1, s2, s3: three half-hour slots from `start` (s2 is the one the tests free)."""
    return tuple(Slot(f"s{i + 1}", Window(start + timedelta(minutes=30 * i), start + timedelta(minutes=30 * (i + 1))))
                 for i in range(3))


def market(start: datetime = DAY.replace(hour=14), event: str = EVENT) -> Instance:
    """Anna (b1) meets Paula (p1) at s2, table 12. Pierre (p2), Olaf (p3) and p5..p12 asked for Anna and are
    free at s2; Pia (p4) asked for her too but meets Ben (b2) at s2 then."""
    people = (
        Attendee("b1", "Anna Berg", "Nordic Films", "buyer"),
        Attendee("b2", "Ben Distributor", "Global Dist", "distributor"),
        Attendee("p1", "Paula Producer", "Lille Films", "producer"),
        Attendee("p2", "Pierre Producer", "Pierre Prod", "producer"),
        Attendee("p3", "Olaf Other", "Other Prod", "producer"),
        Attendee("p4", "Pia Partner", "Pia Films", "producer"),
        *(Attendee(p, f"Producer {p}", f"Company {p}", "producer") for p in EXTRA),
        Attendee("o1", "Olga Organizer", "Series Mania", "organizer"),
    )
    wishes = (Wish("w-meet", "p1", "b1", 3), Wish("w-p2", "p2", "b1", 3), Wish("w-p3", "p3", "b1", 1),
              Wish("w-p4", "p4", "b1", 3), Wish("w-p4b2", "p4", "b2", 3),
              *(Wish(f"w-{p}", p, "b1", 1) for p in EXTRA))
    return Instance(event=Event(event, "Floor Forum", ZONE), slots=slots(start),
                    locations=(Location("T1", name="Table 1"), Location("T2", name="Table 2"),
                               Location("T12", name="Table 12")),
                    attendees=people, wishes=wishes)


def load(store: EventStore, start: datetime = DAY.replace(hour=14), event: str = EVENT) -> None:
    store.import_instance(market(start, event))
    store.entities(event, Meeting).put(Meeting("w-meet", "w-meet", "s2", "T12", MeetingStatus.ACCEPTED),
                                       Meeting("w-p4b2", "w-p4b2", "s2", "T1", MeetingStatus.ACCEPTED))
    RequestStore(store.client, event).sent("p1")  # builds the by-person index


def at(hour: int, minute: int) -> datetime:
    return DAY.replace(hour=hour, minute=minute)
