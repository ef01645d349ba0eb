"""Meeting requests: who may ask whom, with whom and when; withdrawing and answering; who is told."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import date

import pytest

from forum.domain import Attendee, Importance, Meeting, MeetingStatus, Wish, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound, TooManyAttempts
from forum.services.attendees.directory import colleagues_of
from forum.services.attendees.requests import (
    CHURN_LIMIT,
    CHURN_WINDOW,
    NewRequest,
    answer,
    create_request,
    importance_name,
    received_requests,
    reopen,
    withdraw,
)
from forum.services.setup.event_settings import EventSettings, set_event_settings
from forum.store import EventStore
from forum.store.rates import rate_key
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


def _add_people(store: EventStore, *people: Attendee) -> None:
    store.entities(EVENT, Attendee).put(*people)


@pytest.mark.parametrize("colleagues", [("p5",), ("b1",), ("o1",), ("p2",)])
def test_create_request_without_organization_takes_no_colleague(market: EventStore,
                                                                 colleagues: tuple[str, ...]) -> None:
    _add_people(market, Attendee("p4", "Nora Noorg", "", "producer"), Attendee("p5", "Nils Noorg", "", "producer"))
    with pytest.raises(InvalidInput, match="only when your profile names your organization"):
        create_request(market.client, EVENT, "p4", NewRequest("b1", Importance.MUST, colleagues=colleagues))
    assert market.entities(EVENT, Wish).ids() == ["w-other"]


@pytest.mark.parametrize("colleague", ["b3", "o2", "b1"])
def test_create_request_colleague_on_receiving_side_or_organizer_refused(market: EventStore, colleague: str) -> None:
    _add_people(market, Attendee("b3", "Bo Buyer", "Lille Films", "buyer"),
                Attendee("o2", "Odile Organizer", "Lille Films", "organizer"))
    with pytest.raises(InvalidInput):
        create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, colleagues=("p2", colleague)))
    assert market.entities(EVENT, Wish).ids() == ["w-other"]


def test_colleagues_offered_are_those_who_may_join(market: EventStore) -> None:
    _add_people(market, Attendee("b3", "Bo Buyer", "Lille Films", "buyer"),
                Attendee("o2", "Odile Organizer", "Lille Films", "organizer"))
    me = market.entities(EVENT, Attendee).get("p1")
    assert [a.id for a in colleagues_of(market.client, EVENT, me)] == ["p2"]
    assert colleagues_of(market.client, EVENT, replace(me, organization="")) == []


def test_open_request_limit_is_the_event_setting(market: EventStore) -> None:
    _add_people(market, Attendee("b3", "Bo Buyer", "Bo TV", "buyer"))
    set_event_settings(market.client, EVENT, "o1", EventSettings("Europe/Paris", 2))
    first = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    create_request(market.client, EVENT, "p1", NewRequest("b2", Importance.MUST))
    with pytest.raises(Conflict, match="You have 2 open requests; withdraw some before asking again."):
        create_request(market.client, EVENT, "p1", NewRequest("b3", Importance.MUST))
    withdraw(market.client, EVENT, "p1", first.id)
    assert create_request(market.client, EVENT, "p1", NewRequest("b3", Importance.MUST)).target == "b3"


def test_ask_again_after_decline_refused_until_the_person_asked_reopens(market: EventStore) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Nordic noir"))
    answer(market.client, EVENT, "b1", wish.id, "decline")
    with pytest.raises(Conflict, match="declined your request; you can ask again only if they reopen it"):
        create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.IF_POSSIBLE))
    assert reopen(market.client, EVENT, "b1", wish.id).status is WishStatus.PENDING
    assert {"type": "request.reopened", "wish": wish.id} in _told(market, "p1")
    with pytest.raises(Conflict, match="already asked this person"):
        create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.IF_POSSIBLE))
    assert sorted(market.entities(EVENT, Wish).ids()) == sorted(["w-other", wish.id])


def test_reopen_only_by_the_person_asked_and_only_a_declined_request(market: EventStore) -> None:
    for outsider in ("p3", "b2", "p1"):
        with pytest.raises(NotFound):
            reopen(market.client, EVENT, outsider, "w-other")
    with pytest.raises(Conflict, match="only a declined one can be reopened"):
        reopen(market.client, EVENT, "b1", "w-other")
    with pytest.raises(NotFound):
        reopen(market.client, EVENT, "b1", "nope")


def test_sending_and_withdrawing_is_rate_limited_per_attendee(market: EventStore) -> None:
    for _ in range(CHURN_LIMIT // 2):
        wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
        withdraw(market.client, EVENT, "p1", wish.id)
    with pytest.raises(TooManyAttempts, match="please wait a few minutes"):
        create_request(market.client, EVENT, "p1", NewRequest("b2", Importance.MUST))
    assert 0 < market.client.ttl(rate_key(EVENT, "requests", "p1")) <= CHURN_WINDOW  # the count's key expires
    assert create_request(market.client, EVENT, "p2", NewRequest("b2", Importance.MUST)).requester == "p2"


def test_same_request_sent_at_once_is_stored_once(market: EventStore) -> None:
    start = threading.Barrier(6)
    outcomes: list[str] = []

    def send() -> None:
        start.wait()
        try:
            create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
            outcomes.append("sent")
        except Conflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["sent"]
    assert len([w for w in market.entities(EVENT, Wish).all() if w.requester == "p1"]) == 1
