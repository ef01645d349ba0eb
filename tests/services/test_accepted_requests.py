"""Accepted means scheduled: an accepted request without a meeting is required in the next run, a repair is
asked for, the buyer hears before accepting one no time can exist for, and the left-out page lists it."""

from __future__ import annotations

import pytest

from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    Meeting,
    MeetingStatus,
    RunStatus,
    Slot,
    Window,
    Wish,
    WishStatus,
)
from forum.errors import NotFound
from forum.services.attendees.acceptance import answer, no_time
from forum.services.runs.instance_builder import build_run_instance
from forum.services.runs.job import execute_run
from forum.services.runs.lifecycle import start_run
from forum.services.runs.registry import open_queue
from forum.services.schedule.left_out import for_event
from forum.store import EventStore
from forum.store.flags import Flags
from forum.store.jobs import JobQueue
from forum.store.schedule import ScheduleStore
from tests.factories import window

EVENT = "acc"


@pytest.fixture
def jobs(redis_url: str) -> JobQueue:
    return open_queue(redis_url, "forum-accepted-test")


def _load(store: EventStore, buyer: Attendee | None = None, p1_free: tuple[Window, ...] | None = None,
          statuses: dict[str, WishStatus] | None = None) -> None:
    """Buyer a1 and producers p1..p3 (p3 asks with weight 10); four meeting slots 9:00-11:00, two tables."""
    statuses = statuses or {}
    people = (buyer or Attendee("a1", "Ada Buyer", "HBO", "buyer"),
              Attendee("p1", "Paul", "Films", "producer", available=p1_free),
              Attendee("p2", "Pia", "Prod", "producer"), Attendee("p3", "Pete", "Docs", "producer"))
    wishes = tuple(Wish(wid, who, "a1", weight, status=statuses.get(wid, WishStatus.PENDING))
                   for wid, who, weight in (("w1", "p1", 1), ("w2", "p2", 1), ("w3", "p3", 10)))
    store.import_instance(Instance(
        Event(EVENT, "Accepting"), tuple(Slot(f"s{i}", window(9 + i / 2, 9.5 + i / 2)) for i in range(4)),
        (Location("T1"), Location("T2")), people, wishes))


def _meet(store: EventStore, wish: str, slot: str, status: MeetingStatus = MeetingStatus.ACCEPTED) -> None:
    store.entities(EVENT, Meeting).put(Meeting(wish, wish, slot, "T1", status))


def test_accepting_a_request_without_a_meeting_asks_for_a_repair(store: EventStore) -> None:
    _load(store)
    assert answer(store.client, EVENT, "a1", "w1", "accept").status is WishStatus.ACCEPTED
    assert Flags(store.client).is_pending(EVENT, "repair")


def test_accepting_a_request_that_has_a_meeting_asks_no_repair(store: EventStore) -> None:
    _load(store)
    _meet(store, "w1", "s0", MeetingStatus.PROPOSED)
    answer(store.client, EVENT, "a1", "w1", "accept")
    assert not Flags(store.client).is_pending(EVENT, "repair")


def test_no_time_is_none_when_a_slot_and_a_table_are_free(store: EventStore) -> None:
    _load(store)
    assert no_time(store.client, EVENT, "a1", "w1") is None


def test_no_time_when_the_people_are_never_free_together(store: EventStore) -> None:
    _load(store, p1_free=(window(14, 15),))
    found = no_time(store.client, EVENT, "a1", "w1")
    assert found is not None and found.kind == "no common time" and set(found.who) == {"p1", "a1"}


def test_no_time_when_the_buyer_reached_the_cap_with_accepted_meetings(store: EventStore) -> None:
    _load(store, buyer=Attendee("a1", "Ada Buyer", "HBO", "buyer", max_meetings=1))
    _meet(store, "w2", "s0", MeetingStatus.PROPOSED)
    assert no_time(store.client, EVENT, "a1", "w1") is None  # a proposed meeting can still move
    _meet(store, "w2", "s0", MeetingStatus.ACCEPTED)
    found = no_time(store.client, EVENT, "a1", "w1")
    assert found is not None and (found.kind, found.who, found.limit) == ("cap", ("a1",), 1)


def test_no_time_refuses_someone_elses_request(store: EventStore) -> None:
    _load(store)
    with pytest.raises(NotFound):
        no_time(store.client, EVENT, "p2", "w1")


def test_build_requires_an_accepted_request_without_a_meeting(store: EventStore) -> None:
    _load(store, statuses={"w1": WishStatus.ACCEPTED})
    built = build_run_instance(store.client, EVENT)
    assert built.promoted == ("w1",)
    assert {w.id: w.required for w in built.instance.wishes} == {"w1": True, "w2": False, "w3": False}


def test_build_leaves_an_accepted_request_no_time_can_exist_for_optional(store: EventStore) -> None:
    _load(store, p1_free=(window(14, 15),), statuses={"w1": WishStatus.ACCEPTED})
    built = build_run_instance(store.client, EVENT)
    assert built.promoted == () and not any(w.required for w in built.instance.wishes)


def test_repair_gives_an_accepted_request_the_last_slot_over_a_heavier_pending_one(store: EventStore,
                                                                                     jobs: JobQueue) -> None:
    # a1 is free at 9:00 only: left to weights, p3's must-meet request (weight 10) would take it.
    buyer = Attendee("a1", "Ada Buyer", "HBO", "buyer", available=(window(9, 9.5),))
    _load(store, buyer=buyer, statuses={"w1": WishStatus.ACCEPTED})
    run = start_run(store.client, jobs, EVENT, 2, kind="repair")
    done = execute_run(store.client, EVENT, run.id, workers=1)
    assert done is not None and done.status is RunStatus.FINISHED and done.reason == ""
    draft = ScheduleStore(store.client).draft(EVENT, run.id)
    assert draft is not None and [m.wish for m in draft.meetings] == ["w1"]


def test_build_requires_only_as_many_accepted_requests_as_can_be_placed_together(store: EventStore,
                                                                                 jobs: JobQueue) -> None:
    # Either fits a1's one free slot on its own, both cannot: the heavier (then the first) is required.
    buyer = Attendee("a1", "Ada Buyer", "HBO", "buyer", available=(window(9, 9.5),))
    _load(store, buyer=buyer, statuses={"w1": WishStatus.ACCEPTED, "w2": WishStatus.ACCEPTED})
    assert build_run_instance(store.client, EVENT).promoted == ("w1",)
    run = start_run(store.client, jobs, EVENT, 2)
    done = execute_run(store.client, EVENT, run.id, workers=1)
    assert done is not None and done.status is RunStatus.FINISHED and done.reason == ""
    draft = ScheduleStore(store.client).draft(EVENT, run.id)
    assert draft is not None and [m.wish for m in draft.meetings] == ["w1"]


def test_run_falls_back_when_an_accepted_request_cannot_be_placed_within_the_moves_budget(
        store: EventStore, jobs: JobQueue) -> None:
    # a1's one free slot holds p3's published meeting; placing w1 means moving it, and the budget is 0.
    buyer = Attendee("a1", "Ada Buyer", "HBO", "buyer", available=(window(9, 9.5),))
    _load(store, buyer=buyer, statuses={"w1": WishStatus.ACCEPTED})
    _meet(store, "w3", "s0", MeetingStatus.PROPOSED)
    run = start_run(store.client, jobs, EVENT, 2, max_moved="0")
    done = execute_run(store.client, EVENT, run.id, workers=1)
    assert done is not None and done.status is RunStatus.FINISHED
    assert "accepted requests w1 could not all be placed" in done.reason and done.figures["moved"] == 0
    draft = ScheduleStore(store.client).draft(EVENT, run.id)
    assert draft is not None and [m.wish for m in draft.meetings] == ["w3"]


def test_left_out_lists_accepted_requests_first_with_their_reason(store: EventStore) -> None:
    _load(store, p1_free=(window(14, 15),), statuses={"w1": WishStatus.ACCEPTED, "w2": WishStatus.ACCEPTED})
    rows = {r.wish.id: r for r in for_event(store.client, EVENT).unmet}
    assert [r.wish.id for r in for_event(store.client, EVENT).unmet][:2] == ["w1", "w2"]  # before w3 (weight 10)
    assert rows["w1"].accepted and "no time can exist" in rows["w1"].reason
    assert "never available at the same time" in rows["w1"].reason
    assert rows["w2"].accepted and "waiting for a time" in rows["w2"].reason
    assert not rows["w3"].accepted


def test_left_out_names_the_cap_of_an_accepted_request(store: EventStore) -> None:
    _load(store, buyer=Attendee("a1", "Ada Buyer", "HBO", "buyer", max_meetings=1),
          statuses={"w1": WishStatus.ACCEPTED})
    _meet(store, "w2", "s0")
    row = next(r for r in for_event(store.client, EVENT).unmet if r.wish.id == "w1")
    assert "a1 reached the cap of 1 meetings" in row.reason

