"""Every attendee route checks who is asking: foreign ids get 404 with nothing leaked, no CSRF gets 403."""

from __future__ import annotations

import pytest

from forum.domain import Importance
from forum.services.attendees.requests import NewRequest, create_request
from forum.store import EventStore
from forum.web.auth import SESSION_COOKIE
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT, load, place, session

PAGES = ["/e/lille/agenda", "/e/lille/agenda/print", "/e/lille/agenda.ics", "/e/lille/people",
         "/e/lille/people/b1", "/e/lille/requests"]


def snapshot(store: EventStore) -> dict[str, object]:
    """Every record and index of the event (not sessions or live streams): what a refused POST must not touch."""
    out: dict[str, object] = {}
    for key in store.client.scan_iter(match=f"forum:{EVENT}:*"):
        kind = store.client.type(key)
        if kind == "string":
            out[key] = store.client.get(key)
        elif kind == "set":
            out[key] = sorted(store.client.smembers(key))
        elif kind == "hash":
            out[key] = store.client.hgetall(key)
    return {k: v for k, v in out.items() if ":session:" not in k and ":attendee_sessions:" not in k}


@pytest.fixture
def booked(visitor: Visitor) -> str:
    """p1 (with p2) asked b1, and the meeting is proposed; p3's request to b1 is pending."""
    wish = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, colleagues=("p2",)))
    place(visitor.store, wish.id)
    return wish.id


def posts(wish: str) -> list[tuple[str, dict[str, str]]]:
    return [
        (f"/e/lille/requests/{wish}/withdraw", {}),
        (f"/e/lille/requests/{wish}/answer", {"decision": "decline"}),
        (f"/e/lille/meetings/{wish}/answer", {"decision": "decline"}),
        ("/e/lille/requests", {"target": "b2", "importance": "must"}),
    ]


@pytest.mark.parametrize("path", PAGES)
def test_pages_anonymous_sent_to_signin(visitor: Visitor, path: str) -> None:
    response = visitor.client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/signin")


@pytest.mark.parametrize("path", PAGES)
def test_pages_of_another_event_forbidden(visitor: Visitor, path: str) -> None:
    load(visitor.store, "other")
    cookie, _ = session(visitor.store, "p1", "other")
    visitor.client.cookies.set(SESSION_COOKIE, cookie)
    assert visitor.client.get(path, follow_redirects=False).status_code == 403


def test_posts_anonymous_refused_and_nothing_changes(visitor: Visitor, booked: str) -> None:
    before = snapshot(visitor.store)
    for path, data in posts(booked):
        assert visitor.client.post(path, data=data, follow_redirects=False).status_code == 401, path
    assert snapshot(visitor.store) == before


@pytest.mark.parametrize("who", ["p1", "p2", "b1", "b2"])
def test_posts_without_csrf_forbidden_and_nothing_changes(visitor: Visitor, booked: str, who: str) -> None:
    visitor.sign_in(who)
    before = snapshot(visitor.store)
    for path, data in posts(booked):
        assert visitor.post(path, data, csrf=False).status_code == 403, path
        assert visitor.post(path, {**data, "csrf": "forged"}, csrf=False).status_code == 403
    assert snapshot(visitor.store) == before


def test_posts_with_another_sessions_csrf_forbidden(visitor: Visitor, booked: str) -> None:
    _, stolen = session(visitor.store, "b1")
    visitor.sign_in("b1")
    before = snapshot(visitor.store)
    response = visitor.post(f"/e/lille/meetings/{booked}/answer", {"decision": "accept", "csrf": stolen}, csrf=False)
    assert response.status_code == 403
    assert snapshot(visitor.store) == before


# (who acts, route) pairs where the id belongs to someone else's request or meeting.
FOREIGN = [
    ("b2", "withdraw"), ("b2", "answer"), ("b2", "meeting"),
    ("p3", "withdraw"), ("p3", "answer"), ("p3", "meeting"),
    ("b1", "withdraw"),  # the person asked cannot withdraw the producer's request
    ("p1", "answer"), ("p2", "answer"),  # the requester side cannot answer its own request
    ("p2", "withdraw"),  # a colleague who joins cannot withdraw it
    ("o1", "meeting"),
]


@pytest.mark.parametrize(("who", "route"), FOREIGN)
def test_foreign_ids_not_found_and_leak_nothing(visitor: Visitor, booked: str, who: str, route: str) -> None:
    visitor.sign_in(who)
    paths = {"withdraw": "/e/lille/requests/{}/withdraw", "answer": "/e/lille/requests/{}/answer",
             "meeting": "/e/lille/meetings/{}/answer"}
    before = snapshot(visitor.store)
    real = visitor.post(paths[route].format(booked), {"decision": "accept"})
    ghost = visitor.post(paths[route].format("r-doesnotexist"), {"decision": "accept"})
    assert real.status_code == ghost.status_code == 404
    assert real.text == ghost.text
    assert snapshot(visitor.store) == before


def test_requests_page_shows_only_my_requests(visitor: Visitor, booked: str) -> None:
    page = visitor.sign_in("b2").client.get("/e/lille/requests").text
    assert booked not in page and "w-other" not in page and "Paula" not in page
    agenda = visitor.client.get("/e/lille/agenda").text
    assert booked not in agenda and "Olaf" not in agenda


def test_calendar_feed_needs_the_owners_key(visitor: Visitor, booked: str) -> None:
    page = visitor.sign_in("p1").client.get("/e/lille/agenda").text
    key = page.split("webcal://testserver/e/lille/calendar/")[1].split(".ics")[0]
    assert f'value="http://testserver/e/lille/calendar/{key}.ics"' in page
    visitor.client.cookies.clear()
    assert booked in visitor.client.get(f"/e/lille/calendar/{key}.ics").text
    assert visitor.client.get("/e/lille/calendar/guessed-key.ics").status_code == 404
    assert visitor.client.get(f"/e/other/calendar/{key}.ics").status_code == 404
