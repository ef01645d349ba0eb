"""A buyer's triage of hundreds of requests: filters, sorting, pages of 50, the shortlist, and bulk decline
that writes all of a batch or none of it."""

from __future__ import annotations

import pytest

from forum.domain import Attendee, Importance, WishStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services.attendees import declines, triage
from forum.services.attendees.requests import NewRequest, create_request, withdraw
from forum.services.attendees.triage import Filters, read_filters
from forum.store import EventStore
from tests.web.attendee.market import EVENT, load, place, wish

LEVELS = (Importance.MUST, Importance.WOULD_LIKE, Importance.IF_POSSIBLE)


@pytest.fixture
def crowd(store: EventStore) -> list[str]:
    """b1 receives 120 requests (plus w-other): producers from three countries, every third a distributor."""
    load(store)
    people = [Attendee(f"x{i:03}", f"Producer {i:03}", f"Company {119 - i:03}", "distributor" if i % 3 == 0
                       else "producer", country=("FR", "NO", "DE")[i % 3],
                       looking_for="crime drama" if i % 4 == 0 else "comedy") for i in range(120)]
    store.entities(EVENT, Attendee).put(*people)
    return [create_request(store.client, EVENT, p.id, NewRequest("b1", LEVELS[i % 3])).id
            for i, p in enumerate(people)]


def test_triage_pages_of_50_most_wanted_first(store: EventStore, crowd: list[str]) -> None:
    first = triage.triage(store.client, EVENT, "b1", Filters())
    assert (first.total, first.matching, first.pages, len(first.shown)) == (121, 121, 3, 50)
    weights = [r.wish.weight for r in first.shown]
    assert weights == sorted(weights, reverse=True)
    third = triage.triage(store.client, EVENT, "b1", Filters(page=3))
    assert len(third.shown) == 21 and (third.first, third.last) == (101, 121)
    beyond = triage.triage(store.client, EVENT, "b1", Filters(page=99))
    assert beyond.page == 3  # past the end: the last page


def test_triage_filters_combine(store: EventStore, crowd: list[str]) -> None:
    found = triage.triage(store.client, EVENT, "b1", Filters(importance="must", country="FR", role="distributor",
                                                               looking="CRIME"))
    assert found.matching == len([i for i in range(120) if i % 3 == 0 and i % 4 == 0])
    assert all(r.requester.country == "FR" and r.requester.role == "distributor" and r.importance == "must"
               and "crime" in r.requester.looking_for for r in found.shown)
    assert found.countries == ["DE", "FR", "NO"] and "distributor" in found.roles


def test_triage_sorts_by_newest_name_and_company(store: EventStore, crowd: list[str]) -> None:
    newest = triage.triage(store.client, EVENT, "b1", Filters(sort="newest"))
    assert newest.shown[0].wish.id == crowd[-1] and newest.shown[1].wish.id == crowd[-2]
    by_name = triage.triage(store.client, EVENT, "b1", Filters(sort="name"))
    assert by_name.shown[0].requester.name == "Olaf Other"  # "O" before "P"
    by_company = triage.triage(store.client, EVENT, "b1", Filters(sort="company"))
    assert by_company.shown[0].requester.organization == "Company 000"


def test_shortlist_filter_keeps_only_starred(store: EventStore, crowd: list[str]) -> None:
    triage.shortlist(store.client, EVENT, "b1", crowd[7], True)
    triage.shortlist(store.client, EVENT, "b1", crowd[9], True)
    triage.shortlist(store.client, EVENT, "b1", crowd[9], False)
    kept = triage.triage(store.client, EVENT, "b1", Filters(kept=True))
    assert [r.wish.id for r in kept.shown] == [crowd[7]] and kept.kept == {crowd[7]}
    assert triage.triage(store.client, EVENT, "b2", Filters(kept=True)).kept == set()  # per attendee


@pytest.mark.parametrize("who, ident", [("b2", 0), ("x001", 0), ("b1", "nope"), ("b1", "x" * 300)])
def test_shortlist_of_a_request_not_received_not_found(store: EventStore, crowd: list[str], who: str,
                                                       ident: int | str) -> None:
    with pytest.raises(NotFound):
        triage.shortlist(store.client, EVENT, who, crowd[ident] if isinstance(ident, int) else ident, True)


@pytest.mark.parametrize("params, words", [
    ({"importance": "urgent"}, "Importance"), ({"sort": "price"}, "Sort"), ({"page": "0"}, "page"),
    ({"page": "-1"}, "page"), ({"page": "x"}, "page"), ({"page": "99999999"}, "page"), ({"kept": "yes"}, "shortlist"),
    ({"country": "F" * 61}, "too long"), ({"looking": "x" * 500}, "too long"),
])
def test_read_filters_refuses_nonsense_with_a_sentence(params: dict[str, str], words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        read_filters(params)


def test_read_filters_keeps_sense_and_round_trips() -> None:
    sent = {"importance": "must", "country": "FR", "sort": "newest", "kept": "1", "page": "2"}
    found = read_filters(sent)
    assert found == Filters("must", "FR", "", "", True, "newest", 2)
    assert read_filters(dict(p.split("=") for p in found.query().split("&"))) == found
    assert Filters().query() == ""


def test_bulk_decline_declines_all_of_the_batch(store: EventStore, crowd: list[str]) -> None:
    chosen = crowd[:50]
    assert len(declines.preview(store.client, EVENT, "b1", chosen)) == 50
    declines.decline_many(store.client, EVENT, "b1", chosen)
    assert all(wish(store, w).status is WishStatus.DECLINED for w in chosen)
    assert triage.triage(store.client, EVENT, "b1", Filters()).total == 71


def test_bulk_decline_with_one_changed_request_writes_nothing(store: EventStore, crowd: list[str]) -> None:
    withdraw(store.client, EVENT, "x005", crowd[5])  # withdrawn after the page was shown
    with pytest.raises(Conflict, match="nothing was declined"):
        declines.decline_many(store.client, EVENT, "b1", crowd[:10])
    assert [wish(store, w).status for w in crowd[:10]].count(WishStatus.PENDING) == 9


def test_bulk_decline_with_a_proposed_meeting_writes_nothing(store: EventStore, crowd: list[str]) -> None:
    place(store, crowd[3])  # a publish proposed a meeting meanwhile: it is answered as that meeting
    with pytest.raises(Conflict):
        declines.decline_many(store.client, EVENT, "b1", crowd[:10])
    assert all(wish(store, w).status is WishStatus.PENDING for w in crowd[:10])


@pytest.mark.parametrize("who", ["b2", "x001", "o1"])
def test_bulk_decline_of_someone_elses_requests_not_found(store: EventStore, crowd: list[str], who: str) -> None:
    with pytest.raises(NotFound):
        declines.decline_many(store.client, EVENT, who, crowd[:3])
    with pytest.raises(NotFound):
        declines.preview(store.client, EVENT, who, crowd[:3])
    assert all(wish(store, w).status is WishStatus.PENDING for w in crowd[:3])


@pytest.mark.parametrize("ids", [[], ["no-such"], ["bad id!"], ["x" * 200]])
def test_bulk_decline_of_nonsense_ids_refused(store: EventStore, crowd: list[str], ids: list[str]) -> None:
    with pytest.raises((InvalidInput, NotFound)):
        declines.decline_many(store.client, EVENT, "b1", [*ids, crowd[0]] if ids == ["no-such"] else ids)
    assert wish(store, crowd[0]).status is WishStatus.PENDING
