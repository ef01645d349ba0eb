"""Markets where the solver leaves one of Paula's requests out for each kind of reason, and a publish helper."""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from forum.domain import (
    Attendee,
    Instance,
    Location,
    LocationKind,
    PitchSession,
    Project,
    RunStatus,
    Schedule,
    Slot,
    SlotKind,
    SolverRun,
    Unscheduled,
    Why,
    Window,
    Wish,
)
from forum.services.runs.instance_builder import build_instance
from forum.services.runs.publish import publish_run
from forum.solver import SolveParams, solve
from forum.store import EventStore
from forum.store.requests import RequestStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.web.attendee.market import DAY1, EVENT, market

OTHER = Wish("w-other", "p3", "b1", 10, message="Nordic noir")  # another producer's request, never to be seen


def hours(day: int, start: float, end: float) -> Window:
    base = DAY1 + timedelta(days=day)
    return Window(base + timedelta(hours=start), base + timedelta(hours=end))


def people(**changes: dict[str, object]) -> tuple[Attendee, ...]:
    return tuple(replace(a, **changes.get(a.id, {})) for a in market().attendees)  # type: ignore[arg-type]


def _variant(wishes: tuple[Wish, ...], **changes: object) -> Instance:
    return replace(market(), wishes=wishes, **changes)  # type: ignore[arg-type]


def cap_total() -> Instance:
    return _variant((OTHER, Wish("mine", "p1", "b1", 1)), attendees=people(b1={"max_meetings": 1}))


def cap_day() -> Instance:
    b1 = {"max_per_day": 1, "available": (hours(0, 9, 11),)}
    return _variant((OTHER, Wish("mine", "p1", "b1", 1)), attendees=people(b1=b1))


def no_common_time() -> Instance:
    mine = Wish("mine", "p1", "b2", 3, within=(hours(0, 0, 24),))
    return _variant((mine,), attendees=people(p1={"available": (hours(0, 9, 11), hours(1, 9, 10))},
                                              b2={"available": (hours(1, 9, 11),)}))


def pitch_clash() -> Instance:
    """Bea sits on a panel whose pitches start at 9:00 and end at 11:00: busy all of Tuesday, her only day."""
    base = market()
    pitches = (Slot("pitch-a", hours(0, 9, 9.5), SlotKind.PITCH), Slot("pitch-b", hours(0, 10.5, 11), SlotKind.PITCH))
    room = Location("R1", LocationKind.ROOM, "Room 1")
    return _variant((Wish("mine", "p1", "b1", 3),), attendees=people(b1={"available": (hours(0, 9, 11),)}),
                    slots=(*base.slots, *pitches), locations=(*base.locations, room),
                    pitch_sessions=(PitchSession("ps1", "R1", ("b1",), ("pitch-a", "pitch-b")),),
                    projects=(Project("pr1", "Secret Series", ("p3",), ("ps1",)),))


def tables_full() -> Instance:
    early = {"available": (hours(0, 9, 9.5),)}
    return _variant((OTHER, Wish("mine", "p1", "b2", 1)), locations=market().locations[:1],
                    attendees=people(p1=early, p3=early, b1=early, b2=early))


def lost_to_own(weight: int) -> Callable[[], Instance]:
    def build() -> Instance:
        wishes = (Wish("first", "p1", "b1", weight, message="my own pitch"), Wish("mine", "p1", "b2", 1, ("p2",)))
        return _variant(wishes, attendees=people(p1={"available": (hours(0, 9, 9.5),)}))
    return build


def lost_to_others() -> Instance:
    return _variant((OTHER, Wish("mine", "p1", "b1", 1)), attendees=people(b1={"available": (hours(0, 9, 9.5),)}))


def unfinished() -> Instance:
    """Nothing stands in the way: only a run that ran out of time or was stopped leaves it out."""
    return _variant((OTHER, Wish("mine", "p1", "b2", 3)))


@dataclass(frozen=True)
class Case:
    build: Callable[[], Instance]
    viewer: str
    shown: tuple[str, ...]  # sentences the viewer must read
    hidden: tuple[str, ...]  # what the viewer must never read
    why: Why | None = None  # published as is instead of solving (reasons a small event never produces)


def load_and_publish(store: EventStore, case: Case) -> None:
    """Import the case's market, then solve and publish it (or publish the case's reason for `mine`)."""
    store.import_instance(case.build())
    RequestStore(store.client, EVENT).sent("p1")
    if case.why is not None:
        publish(store, Schedule((), (), (Unscheduled("mine", "not placed", case.why),)))
        return
    result = solve(build_instance(store.client, EVENT), SolveParams(time_limit=2, workers=1))
    assert "mine" in {u.wish for u in result.schedule.unscheduled}
    publish(store, result.schedule)


def publish(store: EventStore, schedule: Schedule) -> str:
    runs = RunStore(store.client)
    run = SolverRun(runs.new_id(EVENT), EVENT, RunStatus.FINISHED, created_at=clock.time())
    runs.records(EVENT).put(run)
    ScheduleStore(store.client).save_draft(EVENT, run.id, schedule)
    publish_run(store.client, EVENT, run.id)
    return run.id
