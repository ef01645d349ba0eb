"""Taking a standby offer against the real Valkey under races: many takers at once, and a repair run's
publish at the same moment. Exactly one meeting, never a double booking."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from forum.checker.rules import is_live
from forum.domain import Meeting, Placement, RunStatus, Schedule, SolverRun, Wish
from forum.errors import Conflict
from forum.services.floor.checkin import tap
from forum.services.floor.offers import take
from forum.services.runs.publish import publish_run
from forum.store import EventStore, connect
from forum.store.offers import OfferStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.services.floor.market import EVENT, EXTRA, at, load

NOW = at(14, 36)


def _race(redis_url: str, jobs: list[Callable[[Any], object]]) -> list[object]:
    """Run each job on its own connection, all released at the same instant; returns results or errors."""
    start = threading.Barrier(len(jobs))
    out: list[object] = [None] * len(jobs)

    def run(i: int) -> None:
        client = connect(redis_url)
        start.wait()
        try:
            out[i] = jobs[i](client)
        except Conflict as exc:
            out[i] = exc
        finally:
            client.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _bookings(store: EventStore) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """How many live meetings each (person, slot) and each (table, slot) holds."""
    wishes = {w.id: w for w in store.entities(EVENT, Wish).all()}
    people: Counter[tuple[str, str]] = Counter()
    tables: Counter[tuple[str, str]] = Counter()
    for m in ScheduleStore(store.client).meetings(EVENT):
        if is_live(m):
            tables[(m.location, m.slot)] += 1
            people.update((p, m.slot) for p in wishes[m.wish].participants)
    return people, tables


def _no_double_booking(store: EventStore) -> None:
    people, tables = _bookings(store)
    assert max(people.values()) == 1 and max(tables.values()) == 1, (people, tables)


def _no_show(store: EventStore) -> str:
    tap(store.client, EVENT, "b1", "w-meet", "no-show", now=at(14, 35))
    return OfferStore(store.client, EVENT).of("p2")[0].id


def test_many_takers_at_once_get_exactly_one_meeting(store: EventStore, redis_url: str) -> None:
    load(store)
    offer = _no_show(store)
    takers = ["p2", "p3", *EXTRA]
    results = _race(redis_url, [lambda c, who=who: take(c, EVENT, who, offer, now=NOW) for who in takers])
    won = [r for r in results if isinstance(r, Meeting)]
    lost = [r for r in results if isinstance(r, Conflict)]
    assert len(won) == 1 and len(lost) == len(takers) - 1
    assert all(str(e) == "Someone else took this slot." for e in lost)
    at_s2 = [m for m in ScheduleStore(store.client).meetings(EVENT) if is_live(m) and m.slot == "s2"]
    assert sorted(m.id for m in at_s2) == sorted([won[0].id, "w-p4b2"])  # type: ignore[union-attr]
    assert OfferStore(store.client, EVENT).find(offer).meeting == won[0].id  # type: ignore[union-attr]
    _no_double_booking(store)


def test_one_taker_tapping_twice_at_once_gets_one_meeting(store: EventStore, redis_url: str) -> None:
    load(store)
    offer = _no_show(store)
    results = _race(redis_url, [lambda c: take(c, EVENT, "p2", offer, now=NOW)] * 4)
    assert sum(isinstance(r, Meeting) for r in results) == 1
    assert all(str(r) == "You took this slot already." for r in results if isinstance(r, Conflict))
    _no_double_booking(store)


def _repair_run(store: EventStore, draft: Schedule, base: Schedule) -> str:
    """A finished repair run whose draft gives Olaf (w-p3) Anna's freed slot and table."""
    runs, schedules = RunStore(store.client), ScheduleStore(store.client)
    run = SolverRun(runs.new_id(EVENT), EVENT, RunStatus.FINISHED, created_at=time.time())
    runs.records(EVENT).put(run)
    schedules.save_draft(EVENT, run.id, draft)
    schedules.save_base(EVENT, run.id, base)
    return run.id


KEPT = Placement("w-p4b2", "s2", "T1")
DRAFT = Schedule((KEPT, Placement("w-p3", "s2", "T12")))


def test_a_publish_after_the_claim_keeps_the_claimed_meeting(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    run = _repair_run(store, DRAFT, Schedule((KEPT,)))
    take(store.client, EVENT, "p2", offer, now=NOW)
    summary = publish_run(store.client, EVENT, run)
    assert summary["dropped"] == 1 and summary["added"] == 0
    live = {m.id: m for m in ScheduleStore(store.client).meetings(EVENT) if is_live(m)}
    assert (live["w-p2"].slot, live["w-p2"].location) == ("s2", "T12") and "w-p3" not in live
    _no_double_booking(store)


def test_a_claim_after_the_publish_gave_the_slot_away_is_refused(store: EventStore) -> None:
    load(store)
    offer = _no_show(store)
    publish_run(store.client, EVENT, _repair_run(store, DRAFT, Schedule((KEPT,))))
    try:
        take(store.client, EVENT, "p2", offer, now=NOW)
        raise AssertionError("the taker got a slot the publish gave away")
    except Conflict as exc:
        assert "no longer free then" in str(exc)
    assert store.entities(EVENT, Meeting).find("w-p2") is None
    _no_double_booking(store)


def test_a_claim_and_a_publish_at_once_never_double_book(store: EventStore, redis_url: str) -> None:
    for _ in range(6):
        store.client.flushall()
        load(store)
        offer = _no_show(store)
        run = _repair_run(store, DRAFT, Schedule((KEPT,)))
        results = _race(redis_url, [lambda c, offer=offer: take(c, EVENT, "p2", offer, now=NOW),
                                    lambda c, run=run: publish_run(c, EVENT, run)])
        live = {m.id for m in ScheduleStore(store.client).meetings(EVENT) if is_live(m) and m.slot == "s2"}
        assert live in ({"w-p2", "w-p4b2"}, {"w-p3", "w-p4b2"}), (live, results)
        assert isinstance(results[0], Meeting) == ("w-p2" in live)
        _no_double_booking(store)
