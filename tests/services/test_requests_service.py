"""Meeting requests: who may ask whom, with whom and when; withdrawing and answering; who is told."""

from __future__ import annotations

import json
from datetime import date

import pytest

from forum.domain import Importance, Meeting, MeetingStatus, Wish, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services.attendees.requests import (
    NewRequest,
    answer,
    create_request,
    importance_name,
    received_requests,
    withdraw,
)
from forum.store import EventStore
from forum.store.streams import attendee_stream
from tests.web.attendee.market import EVENT, load, place


@pytest.fixture
def market(store: EventStore) -> EventStore:
    load(store)
    return store


def _told(store: EventStore, who: str) -> list[dict[str, str]]:
    return [json.loads(fields["d"]) for _, fields in store.client.xrange(attendee_stream(EVENT, who))]


def test_create_request_stores_pending_wish_and_tells_target(market: EventStore) -> None:
    form = NewRequest("b1", Importance.MUST, " See you ", ("p2",), (date(2030, 3, 20),))
    wish = create_request(market.client, EVENT, "p1", form)
    stored = market.entities(EVENT, Wish).get(wish.id)
    assert stored.status is WishStatus.PENDING and stored.weight == 10 and stored.colleagues == ("p2",)
    assert stored.message == "See you" and stored.within is not None and stored.within[0].day.day == 20
    assert _told(market, "b1") == [{"type": "request.new", "wish": wish.id}]
    assert [r.wish.id for r in received_requests(market.client, EVENT, "b1")] == sorted(["w-other", wish.id])


@pytest.mark.parametrize(("form", "error"), [
    (NewRequest("", Importance.MUST), InvalidInput),
    (NewRequest("b1", Importance.MUST, "x" * 501), InvalidInput),
    (NewRequest("ghost", Importance.MUST), NotFound),
    (NewRequest("p1", Importance.MUST), InvalidInput),
    (NewRequest("p3", Importance.MUST), InvalidInput),
    (NewRequest("o1", Importance.MUST), InvalidInput),
    (NewRequest("b1", Importance.MUST, colleagues=("b2",)), InvalidInput),
    (NewRequest("b1", Importance.MUST, colleagues=("ghost",)), InvalidInput),
    (NewRequest("b1", Importance.MUST, colleagues=("p1",)), InvalidInput),
    (NewRequest("b1", Importance.MUST, days=(date(2031, 1, 1),)), InvalidInput),
])
def test_create_request_bad_form_refused_and_nothing_stored(market: EventStore, form: NewRequest,
                                                            error: type[Exception]) -> None:
    with pytest.raises(error):
        create_request(market.client, EVENT, "p1", form)
    assert market.entities(EVENT, Wish).ids() == ["w-other"]


def test_create_request_twice_to_same_person_conflicts(market: EventStore) -> None:
    create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    with pytest.raises(Conflict):
        create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.IF_POSSIBLE))


def test_withdraw_by_requester_only(market: EventStore) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, colleagues=("p2",)))
    for outsider in ("b1", "p2", "p3"):
        with pytest.raises(NotFound):
            withdraw(market.client, EVENT, outsider, wish.id)
    assert withdraw(market.client, EVENT, "p1", wish.id).status is WishStatus.WITHDRAWN
    with pytest.raises(Conflict):
        withdraw(market.client, EVENT, "p1", wish.id)
    assert {"type": "request.withdrawn", "wish": wish.id} in _told(market, "p2")


def test_withdraw_cancels_the_scheduled_meeting(market: EventStore) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    place(market, wish.id)
    withdraw(market.client, EVENT, "p1", wish.id)
    assert market.entities(EVENT, Meeting).get(wish.id).status is MeetingStatus.CANCELLED


def test_answer_by_target_only(market: EventStore) -> None:
    for outsider in ("p3", "b2", "p1"):
        with pytest.raises(NotFound):
            answer(market.client, EVENT, outsider, "w-other", "accept")
    assert answer(market.client, EVENT, "b1", "w-other", "accept").status is WishStatus.ACCEPTED
    assert {"type": "request.accepted", "wish": "w-other"} in _told(market, "p3")
    with pytest.raises(Conflict):
        answer(market.client, EVENT, "b1", "w-other", "accept")


def test_answer_unknown_decision_or_request_refused(market: EventStore) -> None:
    with pytest.raises(InvalidInput):
        answer(market.client, EVENT, "b1", "w-other", "maybe")
    with pytest.raises(NotFound):
        answer(market.client, EVENT, "b1", "nope", "accept")


def test_decline_after_accept_cancels_meeting(market: EventStore) -> None:
    answer(market.client, EVENT, "b1", "w-other", "accept")
    place(market, "w-other")
    assert answer(market.client, EVENT, "b1", "w-other", "decline").status is WishStatus.DECLINED
    assert market.entities(EVENT, Meeting).get("w-other").status is MeetingStatus.CANCELLED


def test_importance_name_of_imported_weights() -> None:
    assert [importance_name(w) for w in (1, 2, 3, 9, 10, 50)] == [
        "if_possible", "if_possible", "would_like", "would_like", "must", "must"]
