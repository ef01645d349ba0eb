"""A repair run on the day leaves a place that standby offers are offering to its first taker; once the offer
is taken or gone, the place is an ordinary one again."""

from __future__ import annotations

from datetime import datetime, timedelta

from forum.domain import Meeting, MeetingStatus, RunStatus
from forum.services.attendees.requests import withdraw
from forum.services.floor.offers import offers_for, take
from forum.services.runs.quick_repair import claim_repair, execute_repair
from forum.store import EventStore
from forum.store.schedule import ScheduleStore
from tests.services.floor.market import DAY, EVENT, EXTRA, load, local_now


def _s1_start(minutes_to_s2: int) -> datetime:
    now = local_now().replace(second=0, microsecond=0)
    return now + timedelta(minutes=minutes_to_s2) - timedelta(minutes=30)


def _at_s2_with_anna(store: EventStore) -> list[Meeting]:
    return [m for m in ScheduleStore(store.client).meetings(EVENT)
            if m.slot == "s2" and m.status is not MeetingStatus.CANCELLED and m.wish.startswith("w-p")
            and m.wish != "w-p4b2"]


def test_repair_leaves_a_place_on_offer_to_its_first_taker(store: EventStore) -> None:
    load(store, _s1_start(20))
    withdraw(store.client, EVENT, "p1", "w-meet")  # today: Anna's s2 goes on offer at once
    assert offers_for(store.client, EVENT, "p2")
    run = execute_repair(store.client, claim_repair(store.client, EVENT))
    assert run is not None and run.status is RunStatus.FINISHED, run and run.reason
    assert _at_s2_with_anna(store) == []  # the repair gave Anna's place to nobody (her s1 and s3 it may fill)
    still = [p for p in ("p2", "p3", *EXTRA) if offers_for(store.client, EVENT, p)]
    assert still, "somebody the repair left unmet still sees the offer"
    [offer] = offers_for(store.client, EVENT, still[0])
    meeting = take(store.client, EVENT, still[0], offer.offer.id)
    assert (meeting.slot, meeting.status) == ("s2", MeetingStatus.ACCEPTED)
    assert [m.wish for m in _at_s2_with_anna(store)] == [meeting.wish]


def test_repair_fills_a_freed_place_of_another_day_where_nothing_is_on_offer(store: EventStore) -> None:
    load(store, DAY.replace(hour=14))  # 2030: no standby offers
    withdraw(store.client, EVENT, "p1", "w-meet")
    run = execute_repair(store.client, claim_repair(store.client, EVENT))
    assert run is not None and run.status is RunStatus.FINISHED, run and run.reason
    assert len(_at_s2_with_anna(store)) == 1  # no offers on another day: the repair fills the place
