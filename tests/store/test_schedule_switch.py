"""The published schedule switches atomically: a reader sees one whole schedule, never half of two."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    Placement,
    RunStatus,
    Schedule,
    Slot,
    SolverRun,
    Window,
    Wish,
)
from forum.services.runs.publish import publish_run
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore

PAIRS = 1200  # more than one MGET chunk, so a non-atomic reader would be caught


def _festival() -> Instance:
    day = datetime(2026, 3, 24, 9, 0)
    slots = tuple(Slot(f"s{i}", Window(day + timedelta(minutes=30 * i), day + timedelta(minutes=30 * i + 30)))
                  for i in range(2))
    people = tuple(Attendee(f"a{i}", f"Attendee {i}") for i in range(2 * PAIRS))
    wishes = tuple(Wish(f"w{i}", f"a{2 * i}", f"a{2 * i + 1}") for i in range(PAIRS))
    return Instance(Event("big", "Big"), slots, tuple(Location(f"T{t}") for t in range(PAIRS)), people, wishes)


def _run_with_draft(store: EventStore, slot: str) -> str:
    runs = RunStore(store.client)
    run = SolverRun(runs.new_id("big"), "big", RunStatus.FINISHED, created_at=time.time())
    runs.records("big").put(run)
    draft = Schedule(tuple(Placement(f"w{i}", slot, f"T{i}") for i in range(PAIRS)))
    ScheduleStore(store.client).save_draft("big", run.id, draft)
    return run.id


def test_reader_never_sees_half_of_two_schedules(store: EventStore) -> None:
    store.import_instance(_festival())
    morning, later = _run_with_draft(store, "s0"), _run_with_draft(store, "s1")
    publish_run(store.client, "big", morning)
    done = threading.Event()

    def flip() -> None:
        for n in range(6):
            publish_run(store.client, "big", later if n % 2 == 0 else morning)
        done.set()

    flipper = threading.Thread(target=flip)
    flipper.start()
    seen: set[frozenset[str]] = set()
    while not done.is_set():
        meetings = ScheduleStore(store.client).meetings("big")
        assert len(meetings) == PAIRS
        seen.add(frozenset(m.slot for m in meetings))
    flipper.join()
    assert seen and seen <= {frozenset({"s0"}), frozenset({"s1"})}
    assert {m.slot for m in ScheduleStore(store.client).meetings("big")} == {"s0"}  # the last flip was back
