"""Where each of my requests stands, and who hears of it when a publish gives a left-out request a new reason."""

from __future__ import annotations

import json
from dataclasses import replace

from forum.domain import MeetingStatus, Schedule, Unscheduled, Why, WhyCode, Wish, WishStatus
from forum.services.attendees import agenda, reasons, requests
from forum.store import EventStore
from forum.store.requests import RequestStore
from forum.store.streams import attendee_stream
from tests.web.attendee.market import EVENT, market, place
from tests.web.attendee.reason_cases import publish

STATUSES = {"waiting": WishStatus.PENDING, "accepted": WishStatus.ACCEPTED, "proposed": WishStatus.PENDING,
            "scheduled": WishStatus.ACCEPTED, "met_declined": WishStatus.PENDING, "cancelled": WishStatus.ACCEPTED,
            "declined": WishStatus.DECLINED, "withdrawn": WishStatus.WITHDRAWN, "left_out": WishStatus.PENDING,
            "accepted_left_out": WishStatus.ACCEPTED}


def _standings(store: EventStore, viewer: str = "p1") -> dict[str, reasons.Standing]:
    sent = requests.sent_requests(store.client, EVENT, viewer)
    return reasons.standings(store.client, EVENT, viewer, sent, agenda.items_of(store.client, EVENT, viewer))


def test_standing_of_every_request_state(store: EventStore) -> None:
    wishes = tuple(Wish(name, "p1", "b1" if i % 2 else "b2", 3, status=status)
                   for i, (name, status) in enumerate(STATUSES.items()))
    store.import_instance(replace(market(), wishes=wishes))
    RequestStore(store.client, EVENT).sent("p1")
    publish(store, Schedule((), (), (Unscheduled("left_out", "b2 is full", Why(WhyCode.CAP_DAY, ("b2",), 8)),
                                     Unscheduled("accepted_left_out", "b1 is full", Why(WhyCode.CAP_DAY, ("b1",), 8)),
                                     Unscheduled("waiting", "old reason, then proposed", Why(WhyCode.CANCELLED)))))
    place(store, "proposed")
    place(store, "waiting", "d1-540")  # placed by hand since the publish: the meeting wins over the old reason
    place(store, "scheduled", "d0-570", status=MeetingStatus.ACCEPTED)
    place(store, "met_declined", "d0-600", status=MeetingStatus.DECLINED)
    place(store, "cancelled", "d0-630", status=MeetingStatus.CANCELLED)
    found = {w: (s.state.value, s.reason.code.value if s.reason else None) for w, s in _standings(store).items()}
    assert found == {"waiting": ("proposed", None), "accepted": ("accepted", None), "proposed": ("proposed", None),
                     "scheduled": ("scheduled", None), "met_declined": ("declined", None),
                     "cancelled": ("cancelled", None), "declined": ("declined", None),
                     "withdrawn": ("withdrawn", None), "left_out": ("left_out", "cap_day"),
                     "accepted_left_out": ("accepted", "cap_day")}  # accepted, waiting for a time, and why
    assert _standings(store)["left_out"].reason.people[0].name == "Ben Distributor"  # type: ignore[union-attr]


def test_request_made_after_the_publish_waits_for_the_next_run(store: EventStore) -> None:
    store.import_instance(replace(market(), wishes=(Wish("later", "p1", "b1", 3),)))
    publish(store, Schedule(()))
    assert _standings(store)["later"].state is reasons.State.WAITING


def _told(store: EventStore, who: str) -> list[dict[str, object]]:
    return [json.loads(fields["d"]) for _, fields in store.client.xrange(attendee_stream(EVENT, who))]


def test_publish_tells_requester_and_colleagues_when_a_reason_changes(store: EventStore) -> None:
    store.import_instance(replace(market(), wishes=(Wish("mine", "p1", "b1", 3, ("p2",)),)))
    first = Schedule((), (), (Unscheduled("mine", "full", Why(WhyCode.CAP_DAY, ("b1",), 8)),))
    publish(store, first)
    store.client.delete(*(attendee_stream(EVENT, p) for p in ("p1", "p2", "b1")))
    publish(store, first)  # the same reason again: nothing new to read
    assert _told(store, "p1") == [] and _told(store, "p2") == []
    publish(store, Schedule((), (), (Unscheduled("mine", "taken", Why(WhyCode.LOST_TO_OTHERS, ("b1",))),)))
    for who in ("p1", "p2"):
        assert [(m["type"], m["changes"]) for m in _told(store, who)] == [("schedule.changed", [])]
    assert _told(store, "b1") == []  # the person asked does not see reasons
