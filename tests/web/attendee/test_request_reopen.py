"""The person asked can reopen a request they declined; nobody else can, and a refused reopen changes nothing."""

from __future__ import annotations

from forum.domain import WishStatus
from forum.services.attendees.requests import answer
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT, wish
from tests.web.attendee.test_attendee_authz import snapshot


def test_reopen_by_the_person_asked_makes_the_request_pending(visitor: Visitor) -> None:
    answer(visitor.store.client, EVENT, "b1", "w-other", "decline")
    visitor.sign_in("b1")
    page = visitor.client.get("/e/lille/requests").text
    assert 'action="/e/lille/requests/w-other/reopen"' in page
    response = visitor.post("/e/lille/requests/w-other/reopen", {"back": "/e/lille/requests"})
    assert response.status_code == 303 and response.headers["location"] == "/e/lille/requests?done=reopened"
    assert wish(visitor.store, "w-other").status is WishStatus.PENDING
    assert "waiting for your answer again" in visitor.client.get(response.headers["location"]).text


def test_reopen_by_anyone_else_is_the_page_of_an_unknown_request(visitor: Visitor) -> None:
    answer(visitor.store.client, EVENT, "b1", "w-other", "decline")
    before = snapshot(visitor.store)
    for who in ("p3", "b2", "o1"):
        visitor.sign_in(who)
        theirs = visitor.post("/e/lille/requests/w-other/reopen")
        unknown = visitor.post("/e/lille/requests/nope/reopen")
        assert theirs.status_code == unknown.status_code == 404 and theirs.text == unknown.text
    assert snapshot(visitor.store) == before


def test_reopen_of_a_pending_request_is_refused_with_a_sentence(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    before = snapshot(visitor.store)
    response = visitor.post("/e/lille/requests/w-other/reopen")
    assert response.status_code == 409 and "only a declined one can be reopened" in response.text
    assert snapshot(visitor.store) == before
