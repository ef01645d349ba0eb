"""Small instances built inline for tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    LocationKind,
    PitchSession,
    Placement,
    Project,
    Slot,
    SlotKind,
    Window,
    Wish,
)

DAY = datetime(2026, 3, 24, 9, 0)


def window(start_hour: float, end_hour: float, day: int = 0) -> Window:
    base = DAY.replace(hour=0) + timedelta(days=day)
    return Window(base + timedelta(hours=start_hour), base + timedelta(hours=end_hour))


def tiny_instance(event: str = "tiny") -> Instance:
    """Three attendees, four slots, two tables, one pitch session: every entity kind appears once."""
    slots = tuple(Slot(f"s{i}", window(9 + i * 0.5, 9.5 + i * 0.5)) for i in range(4))
    pitch = Slot("p1", window(14, 14.25), SlotKind.PITCH)
    people = (
        Attendee("a1", "Ada Buyer", "HBO", "buyer", country="US", available=(window(9, 18),), max_per_day=8),
        Attendee("a2", "Paul Producer", "Films", "producer", email="paul@example.org"),
        Attendee("a3", "Zoé Colleague", "Films", "producer", max_meetings=3),
    )
    wishes = (
        Wish("w1", "a2", "a1", 3, ("a3",), within=(window(9, 11),)),
        Wish("w2", "a3", "a1", 1, required=True),
    )
    return Instance(
        event=Event(event, "Tiny Forum"),
        slots=(*slots, pitch),
        locations=(Location("T1", LocationKind.TABLE, "Table 1", "A"), Location("T2"),
                   Location("R1", LocationKind.ROOM, "Pitch room")),
        attendees=people,
        wishes=wishes,
        pitch_sessions=(PitchSession("ps1", "R1", ("a1",), ("p1",)),),
        projects=(Project("pr1", "Les Mines", ("a2",), ("ps1",)),),
        fixed=(Placement("w2", "s1", "T2"),),
        previous=(Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2")),
    )
