"""Bad input on every attendee form: a clear 4xx message and no change in the store."""

from __future__ import annotations

import pytest

from forum.domain import Importance, Wish
from forum.services.attendees.requests import NewRequest, create_request
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT, place
from tests.web.attendee.test_attendee_authz import snapshot

SCRIPT = "<script>alert('x')</script>"

ASK_CASES = [
    ({}, 400, "Choose whom"),
    ({"target": "", "importance": "must"}, 400, "Choose whom"),
    ({"target": "b1"}, 400, "how important"),
    ({"target": "b1", "importance": "urgent"}, 400, "how important"),
    ({"target": "b1", "importance": ["must", "if_possible"]}, 400, "more than once"),
    ({"target": "b1", "importance": "must", "message": "x" * 501}, 400, "too long"),
    ({"target": "b1", "importance": "must", "message": "x" * 3000}, 400, "far too long"),
    ({"target": "b1", "importance": "must", "message": "x" * 100_000}, 413, "too large"),
    ({"target": "ghost", "importance": "must"}, 404, "no such attendee"),
    ({"target": SCRIPT, "importance": "must"}, 404, "no such attendee"),
    ({"target": "p1", "importance": "must"}, 400, "yourself"),
    ({"target": "p3", "importance": "must"}, 400, "does not take meeting requests"),
    ({"target": "b1", "importance": "must", "colleagues": "b2"}, 400, "not from Lille Films"),
    ({"target": "b1", "importance": "must", "colleagues": SCRIPT}, 400, "other attendees"),
    ({"target": "b1", "importance": "must", "colleagues": ["p2"] * 1 + ["x1", "x2", "x3", "x4", "x5"]}, 400,
     "at most 5"),
    ({"target": "b1", "importance": "must", "days": "2031-02-30"}, 400, "days of the event"),
    ({"target": "b1", "importance": "must", "days": "' OR 1=1"}, 400, "days of the event"),
    ({"target": "b1", "importance": "must", **{f"f{i}": "x" for i in range(60)}}, 400, "Too many fields"),
]


@pytest.mark.parametrize(("data", "status", "message"), ASK_CASES)
def test_request_form_bad_input_refused(visitor: Visitor, data: dict[str, object], status: int,
                                        message: str) -> None:
    visitor.sign_in("p1")
    before = snapshot(visitor.store)
    response = visitor.post("/e/lille/requests", data)
    assert response.status_code == status
    assert message.lower() in response.text.lower()
    assert SCRIPT not in response.text
    assert snapshot(visitor.store) == before


def test_request_form_error_keeps_what_was_typed(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    response = visitor.post("/e/lille/requests", {"target": "b1", "importance": "must", "message": SCRIPT,
                                                  "days": "1999-01-01"})
    assert response.status_code == 400 and 'id="request-form"' in response.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in response.text and SCRIPT not in response.text


def test_request_form_megabytes_refused_before_parsing(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    before = snapshot(visitor.store)
    response = visitor.post("/e/lille/requests", {"target": "b1", "importance": "must", "message": "x" * 3_000_000})
    assert response.status_code == 413 and "too large" in response.text
    assert snapshot(visitor.store) == before


def test_request_form_file_upload_refused(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    before = snapshot(visitor.store)
    response = visitor.client.post("/e/lille/requests", data={"csrf": visitor.csrf, "target": "b1"},
                                   files={"importance": ("x.txt", b"must")}, follow_redirects=False)
    assert response.status_code == 400
    assert snapshot(visitor.store) == before


def test_request_form_html_message_stored_as_text_and_escaped(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    response = visitor.post("/e/lille/requests", {"target": "b1", "importance": "must", "message": SCRIPT})
    assert response.status_code == 303 and response.headers["location"] == "/e/lille/requests?done=sent"
    page = visitor.sign_in("b1").client.get("/e/lille/agenda").text
    assert SCRIPT not in page and "&lt;script&gt;" in page


ANSWER_CASES = [({}, 400), ({"decision": ""}, 400), ({"decision": "maybe"}, 400), ({"decision": SCRIPT}, 400),
                ({"decision": "accept" * 1000}, 400)]


@pytest.mark.parametrize(("data", "status"), ANSWER_CASES)
def test_answer_forms_bad_decision_refused(visitor: Visitor, data: dict[str, object], status: int) -> None:
    wish = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    place(visitor.store, wish.id)
    visitor.sign_in("b1")
    before = snapshot(visitor.store)
    for path in (f"/e/lille/requests/{wish}/answer", f"/e/lille/meetings/{wish.id}/answer",
                 "/e/lille/requests/w-other/answer"):
        response = visitor.post(path, data)
        assert response.status_code in (status, 404), path
        assert SCRIPT not in response.text
    assert response.status_code == 404 or "accept or decline" in response.text or "too long" in response.text
    assert snapshot(visitor.store) == before


@pytest.mark.parametrize("ident", ["nope", "r-" + "x" * 500, "%3Cscript%3E", "w-other%00"])
def test_unknown_ids_not_found(visitor: Visitor, ident: str) -> None:
    visitor.sign_in("b1")
    before = snapshot(visitor.store)
    for path in (f"/e/lille/requests/{ident}/answer", f"/e/lille/requests/{ident}/withdraw",
                 f"/e/lille/meetings/{ident}/answer"):
        assert visitor.post(path, {"decision": "accept"}).status_code == 404, path
    assert visitor.client.get(f"/e/lille/people/{ident}").status_code == 404
    assert snapshot(visitor.store) == before


def test_meeting_answer_for_a_moved_meeting_conflicts(visitor: Visitor) -> None:
    wish = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    place(visitor.store, wish.id, "d1-600")
    visitor.sign_in("b1")
    before = snapshot(visitor.store)
    response = visitor.post(f"/e/lille/meetings/{wish.id}/answer", {"decision": "accept", "slot": "d0-540"})
    assert response.status_code == 409 and "moved" in response.text
    assert snapshot(visitor.store) == before


def test_withdraw_twice_conflicts(visitor: Visitor) -> None:
    wish = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    visitor.sign_in("p1")
    assert visitor.post(f"/e/lille/requests/{wish.id}/withdraw").status_code == 303
    before = snapshot(visitor.store)
    response = visitor.post(f"/e/lille/requests/{wish.id}/withdraw")
    assert response.status_code == 409 and "already withdrawn" in response.text
    assert snapshot(visitor.store) == before


@pytest.mark.parametrize("query", ["q=" + "x" * 101, "page=abc", "page=0", "page=-3", "country=" + "y" * 500])
def test_directory_bad_search_refused(visitor: Visitor, query: str) -> None:
    response = visitor.sign_in("p1").client.get(f"/e/lille/people?{query}")
    assert response.status_code == 400


def test_redirect_back_stays_on_this_event(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    for back in ("https://evil.example/", "//evil.example/x", "/e/other/agenda", "/e/lille/..\\x"):
        response = visitor.post("/e/lille/requests/w-other/answer", {"decision": "decline", "back": back})
        if response.status_code == 303:
            assert response.headers["location"].startswith("/e/lille/agenda")
        visitor.store.entities(EVENT, Wish).put(visitor.store.entities(EVENT, Wish).get("w-other"))
