"""Repair requests: flagged by a decline, started by the sweeper at most once per window, never beside a run."""

from __future__ import annotations

import time

import pytest

from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    MeetingStatus,
    Placement,
    RunStatus,
    Schedule,
    Slot,
    SolverRun,
    Unscheduled,
    Why,
    WhyCode,
    Wish,
    WishStatus,
)
from forum.services.attendees.agenda import decline
from forum.services.attendees.cancellation import cancel_meeting_of
from forum.services.runs import quick_repair
from forum.services.runs.lifecycle import start_run
from forum.services.runs.publish import publish_run
from forum.services.runs.quick_repair import claim_repair, execute_repair
from forum.services.runs.registry import open_queue
from forum.services.runs.repair import (
    REPAIR_EVERY,
    next_repair_in,
    request_repair,
    start_pending_repair,
    sweep_repairs,
)
from forum.store import EventStore
from forum.store.flags import Flags
from forum.store.jobs import JobQueue
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.store.streams import attendee_stream
from tests.factories import tiny_instance, window
from tests.waiting import wait_for


@pytest.fixture
def jobs(redis_url: str) -> JobQueue:
    return open_queue(redis_url, "forum-repair-test")


def test_repair_starts_once_per_window_and_keeps_later_requests(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    assert start_pending_repair(store.client, "tiny") is None  # nothing asked yet
    request_repair(store.client, "tiny")
    run = start_pending_repair(store.client, "tiny")
    assert run is not None and run.id.startswith("repair-") and run.status is RunStatus.QUEUED
    request_repair(store.client, "tiny")
    assert start_pending_repair(store.client, "tiny") is None  # rate-limited
    assert Flags(store.client).is_pending("tiny", "repair")  # not forgotten


def test_repair_waits_while_a_run_is_active(store: EventStore, jobs: JobQueue) -> None:
    store.import_instance(tiny_instance())
    start_run(store.client, jobs, "tiny", 30)
    request_repair(store.client, "tiny")
    assert start_pending_repair(store.client, "tiny") is None
    assert Flags(store.client).is_pending("tiny", "repair")


def market() -> Instance:
    """b1 is there 9:00-10:00 (slots s0, s1): meets p1 at s0 (proposed) and p2 at s1 (accepted); p3 (heavier)
    and p4 wait for a time with b1."""
    people = (Attendee("b1", "Buyer", role="buyer", available=(window(9, 10),)),
              *(Attendee(f"p{i}", f"Producer {i}", role="producer") for i in range(1, 5)))
    wishes = (Wish("w-p1", "p1", "b1"), Wish("w-p2", "p2", "b1", status=WishStatus.ACCEPTED),
              Wish("w-p3", "p3", "b1", 3), Wish("w-p4", "p4", "b1", 1))
    slots = tuple(Slot(f"s{i}", window(9 + i / 2, 9.5 + i / 2)) for i in range(4))
    return Instance(Event("mkt", "Market"), slots, (Location("T1"), Location("T2")), people, wishes,
                    fixed=(Placement("w-p2", "s1", "T1"),), previous=(Placement("w-p1", "s0", "T1"),))


def published(store: EventStore) -> dict[str, tuple[str, str, MeetingStatus]]:
    return {m.wish: (m.slot, m.location, m.status) for m in ScheduleStore(store.client).meetings("mkt")}


def test_repair_fills_a_cancelled_place_with_the_heaviest_request_and_moves_nobody(store: EventStore) -> None:
    store.import_instance(market())
    cancel_meeting_of(store.client, "mkt", market().wishes[0])  # p1 withdrew: s0 is free, the repair is flagged
    [run] = sweep_repairs(store.client)
    assert run.status is RunStatus.FINISHED and run.figures["added"] == 1, run.reason
    assert ScheduleStore(store.client).published_run("mkt") == run.id
    assert published(store) == {"w-p1": ("s0", "T1", MeetingStatus.CANCELLED),
                                "w-p2": ("s1", "T1", MeetingStatus.ACCEPTED),  # accepted: never moved
                                "w-p3": ("s0", "T1", MeetingStatus.PROPOSED)}  # p4 is lighter: still waits


def test_repair_gives_nothing_when_no_place_was_freed(store: EventStore) -> None:
    store.import_instance(market())
    request_repair(store.client, "mkt")
    [run] = sweep_repairs(store.client)
    assert run.status is RunStatus.FINISHED and run.figures["added"] == 0  # b1 has no free time
    assert set(published(store)) == {"w-p1", "w-p2"}


def test_repair_keeps_the_place_of_a_decline_that_can_still_be_undone(store: EventStore) -> None:
    store.import_instance(market())
    decline(store.client, "mkt", "b1", "w-p1")  # undoable for ten seconds
    assert start_pending_repair(store.client, "mkt") is None  # held back by the undo window
    done = execute_repair(store.client, claim_repair(store.client, "mkt"))  # even a repair started anyway
    assert done is not None and done.status is RunStatus.FINISHED and done.figures["added"] == 0
    assert "w-p3" not in published(store)


def test_repair_waits_for_not_before_then_starts(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    request_repair(store.client, "tiny", not_before=time.time() + 0.5)
    assert start_pending_repair(store.client, "tiny") is None
    assert Flags(store.client).is_pending("tiny", "repair")
    run = wait_for(lambda: start_pending_repair(store.client, "tiny"), timeout=10, what="repair after not_before")
    assert run.id.startswith("repair-")


def publish_with_reasons(store: EventStore) -> None:
    """The market's schedule published by a run that says why p3's and p4's requests were left out."""
    busy = Why(WhyCode.LOST_TO_OTHERS, ("b1",))
    reasons = (Unscheduled("w-p3", "b1 is busy", busy), Unscheduled("w-p4", "b1 is busy", busy))
    RunStore(store.client).records("mkt").put(SolverRun("run-1", "mkt", RunStatus.FINISHED))
    draft = Schedule((Placement("w-p1", "s0", "T1"), Placement("w-p2", "s1", "T1")), (), reasons)
    ScheduleStore(store.client).save_draft("mkt", "run-1", draft)
    publish_run(store.client, "mkt", "run-1")


def told(store: EventStore, who: str, run: str) -> list[str]:
    """The `schedule.changed` notes `who` got from the publish of `run`."""
    notes = store.client.xrange(attendee_stream("mkt", who))
    return [d for _, fields in notes if f'"run":"{run}"' in (d := fields["d"])]


def test_repair_keeps_the_published_reasons_and_tells_only_the_people_it_placed(store: EventStore) -> None:
    store.import_instance(market())
    publish_with_reasons(store)
    cancel_meeting_of(store.client, "mkt", market().wishes[0])
    [run] = sweep_repairs(store.client)
    assert set(ScheduleStore(store.client).all_unscheduled("mkt", run.id)) == {"w-p4"}  # w-p3 has a time now
    assert len(told(store, "p3", run.id)) == 1
    assert told(store, "p4", run.id) == []  # p4's reason stands: no refresh for them


@pytest.mark.parametrize(("kept_from", "p4_told"), [("run-1", False), ("run-0", True), (None, True)])
def test_publish_skips_reason_refreshes_only_when_the_draft_kept_the_published_runs_reasons(
        store: EventStore, kept_from: str | None, p4_told: bool) -> None:
    store.import_instance(market())
    publish_with_reasons(store)
    RunStore(store.client).records("mkt").put(SolverRun("run-2", "mkt", RunStatus.FINISHED))
    draft = Schedule((Placement("w-p1", "s0", "T1"), Placement("w-p2", "s1", "T1")))  # says no reason for w-p4
    ScheduleStore(store.client).save_draft("mkt", "run-2", draft)
    publish_run(store.client, "mkt", "run-2", reasons_of=kept_from)
    assert bool(told(store, "p4", "run-2")) is p4_told  # run-0 was never published: its reasons prove nothing


def test_repair_marks_come_due_each_on_its_own(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    now = time.time()
    request_repair(store.client, "tiny", not_before=now - 1)  # a decline whose undo window has closed
    request_repair(store.client, "tiny", not_before=now + 60)  # one still open: it must not hold the first back
    flags = Flags(store.client)
    assert flags.is_due("tiny", "repair", now=now)
    run = start_pending_repair(store.client, "tiny")
    assert run is not None
    assert flags.is_pending("tiny", "repair") and not flags.is_due("tiny", "repair")  # the later one waits
    assert abs((flags.due_at("tiny", "repair") or 0) - (now + 60)) < 0.01


def test_sweeper_sleeps_until_the_next_repair_may_start(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    assert next_repair_in(store.client, 2.0) == 2.0  # nothing flagged: the sweeper's own pace
    request_repair(store.client, "tiny", not_before=time.time() + 60)
    assert 59 < next_repair_in(store.client, 100.0) <= 60  # wakes when the undo window closes
    request_repair(store.client, "tiny")
    assert next_repair_in(store.client, 100.0) == 0  # due now, nothing in the way
    assert start_pending_repair(store.client, "tiny") is not None
    request_repair(store.client, "tiny")
    assert 0 < next_repair_in(store.client, 100.0) <= REPAIR_EVERY  # due, but the rate limit holds it back


def test_repair_publish_reads_every_wish_as_the_store_does(store: EventStore) -> None:
    store.import_instance(market())
    cancel_meeting_of(store.client, "mkt", market().wishes[0])  # one request changed since the first read
    assert quick_repair._parties(store.client, "mkt") == ScheduleStore(store.client).parties("mkt")


def test_repair_flag_left_by_the_older_version_still_comes_due(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    store.client.set("forum:tiny:pending:repair", "0.000")  # the plain time the flag used to be
    assert Flags(store.client).is_due("tiny", "repair")
    assert start_pending_repair(store.client, "tiny") is not None
    assert not Flags(store.client).is_pending("tiny", "repair")
