"""Small random events with a valid live schedule, for property tests of the checker and the left-out page.

They are built to hit the rules that drifted apart before: panel members busy for a whole pitch session,
presenters busy at their pitch, availability windows, wish windows, total and per-day caps, few tables.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from forum.checker.placing import Occupancy
from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    LocationKind,
    PitchPlacement,
    PitchSession,
    Placement,
    Project,
    Schedule,
    Slot,
    SlotKind,
    Window,
    Wish,
)
from tests.factories import window

SLOT_HOURS = 0.5


def _slots(days: int, per_day: int) -> list[Slot]:
    return [Slot(f"d{d}s{i}", window(9 + i * SLOT_HOURS, 9.5 + i * SLOT_HOURS, d))
            for d in range(days) for i in range(per_day)]


@st.composite
def attendee(draw: st.DrawFn, ident: str, days: int, per_day: int) -> Attendee:
    available = None
    if draw(st.booleans()):
        day = draw(st.integers(0, days - 1))
        first = draw(st.integers(0, per_day - 1))
        last = draw(st.integers(first + 1, per_day))
        available = (window(9 + first * SLOT_HOURS, 9 + last * SLOT_HOURS, day),)
    return Attendee(ident, f"Person {ident}", role="buyer" if ident.startswith("b") else "producer",
                    available=available, max_meetings=draw(st.none() | st.integers(1, 3)),
                    max_per_day=draw(st.none() | st.integers(1, 2)))


@st.composite
def wish(draw: st.DrawFn, ident: str, people: list[str], days: int, per_day: int) -> Wish:
    requester, target = draw(st.lists(st.sampled_from(people), min_size=2, max_size=2, unique=True))
    others = [p for p in people if p not in (requester, target)]
    colleagues = tuple(draw(st.lists(st.sampled_from(others), max_size=1, unique=True))) if others else ()
    within = None
    if draw(st.integers(0, 3)) == 0:
        within = (window(9, 9 + per_day * SLOT_HOURS, draw(st.integers(0, days - 1))),)
    return Wish(ident, requester, target, draw(st.sampled_from((1, 3, 10))), colleagues, within=within)


def _pitch_part(people: list[str], slots: list[Slot]) -> tuple[list[Slot], PitchSession, list[Project]]:
    """A pitch session with a panel of buyers: pitches at 9:00 and 10:00 on day 0, so the panel also sits
    through the 9:30 meeting slot, which no pitch overlaps."""
    first = slots[0].window.start
    pitch_slots = [Slot(f"p{i}", Window(first + timedelta(minutes=60 * i), first + timedelta(minutes=60 * i + 20)),
                        SlotKind.PITCH) for i in range(2)]
    panel = tuple(p for p in people if p.startswith("b"))[:2]
    presenters = [p for p in people if p.startswith("p")][:2]
    projects = [Project(f"pr{i}", f"Project {i}", (who,), ("ps1",)) for i, who in enumerate(presenters)]
    return pitch_slots, PitchSession("ps1", "R1", panel, tuple(s.id for s in pitch_slots)), projects


@st.composite
def events(draw: st.DrawFn) -> tuple[Instance, Schedule]:
    """An event and a valid live schedule that meets some of its wishes."""
    days, per_day = draw(st.integers(1, 2)), draw(st.integers(3, 5))
    slots = _slots(days, per_day)
    ids = [f"b{i}" for i in range(draw(st.integers(1, 3)))] + [f"p{i}" for i in range(draw(st.integers(2, 5)))]
    people = [draw(attendee(i, days, per_day)) for i in ids]
    wishes = [draw(wish(f"w{i}", ids, days, per_day)) for i in range(draw(st.integers(2, 14)))]
    tables = [Location(f"T{i}", LocationKind.TABLE, f"Table {i}") for i in range(draw(st.integers(1, 3)))]
    pitch_slots, session, projects = _pitch_part(ids, slots) if draw(st.booleans()) else ([], None, [])
    inst = Instance(Event("gen", "Generated Forum"), tuple(slots + pitch_slots),
                    (*tables, Location("R1", LocationKind.ROOM, "Pitch room")), tuple(people), tuple(wishes),
                    (session,) if session else (), tuple(projects))
    pitches = tuple(PitchPlacement(p.id, s.id) for p, s in zip(projects, pitch_slots, strict=False))
    chosen = draw(st.lists(st.sampled_from(wishes), unique_by=lambda w: w.id)) if wishes else []
    return inst, greedy_schedule(inst, chosen, pitches, draw(st.randoms(use_true_random=False)))


def greedy_schedule(inst: Instance, chosen: list[Wish], pitches: tuple[PitchPlacement, ...],
                    rng: object) -> Schedule:
    """Place `chosen` wishes one by one wherever nothing stands in the way (slots in a random order)."""
    schedule = Schedule((), pitches)
    meeting_slots = [s for s in inst.slots if s.kind is SlotKind.MEETING]
    for w in chosen:
        order = list(meeting_slots)
        rng.shuffle(order)  # type: ignore[attr-defined]
        occupancy = Occupancy(inst, schedule)
        for slot in order:
            table = occupancy.first_free_table(slot)
            if table is not None and not occupancy.obstacles(w, slot.id, table):
                schedule = Schedule((*schedule.meetings, Placement(w.id, slot.id, table)), pitches)
                break
    return schedule
