"""Accepting a request: with a possible time it is one tap (and a repair run is asked for); with none, the
buyer is told why first and confirms."""

from __future__ import annotations

from dataclasses import replace

from forum.domain import Attendee, Wish, WishStatus
from forum.store.flags import Flags
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT

ANSWER = "/e/lille/requests/w-other/answer"


def _cap_buyer(visitor: Visitor) -> None:
    people = visitor.store.entities(EVENT, Attendee)
    people.put(replace(people.get("b1"), max_meetings=0))


def _status(visitor: Visitor) -> WishStatus:
    return visitor.store.entities(EVENT, Wish).get("w-other").status


def test_accept_with_a_possible_time_is_one_tap_and_asks_for_a_repair(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    done = visitor.post(ANSWER, {"decision": "accept", "back": "/e/lille/requests"})
    assert done.status_code == 303 and done.headers["location"] == "/e/lille/requests?done=accepted"
    assert _status(visitor) is WishStatus.ACCEPTED and Flags(visitor.store.client).is_pending(EVENT, "repair")


def test_accept_without_any_possible_time_asks_to_confirm_first(visitor: Visitor) -> None:
    _cap_buyer(visitor)
    visitor.sign_in("b1")
    asked = visitor.post(ANSWER, {"decision": "accept", "back": "/e/lille/requests"})
    assert asked.status_code == 200 and "No common time" in asked.text
    assert "You have reached your limit of meetings." in asked.text and "Accept anyway" in asked.text
    assert 'name="confirm" value="yes"' in asked.text and 'name="back" value="/e/lille/requests"' in asked.text
    assert _status(visitor) is WishStatus.PENDING and not Flags(visitor.store.client).is_pending(EVENT, "repair")
    confirmed = visitor.post(ANSWER, {"decision": "accept", "confirm": "yes", "back": "/e/lille/requests"})
    assert confirmed.status_code == 303 and _status(visitor) is WishStatus.ACCEPTED


def test_accepted_request_without_time_shows_waiting_to_the_buyer(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    visitor.post(ANSWER, {"decision": "accept"})
    page = visitor.client.get("/e/lille/requests").text
    assert "Accepted, waiting for a time" in page.split('id="answered"')[1]


def test_confirm_step_in_french(visitor: Visitor) -> None:
    _cap_buyer(visitor)
    visitor.sign_in("b1")
    visitor.client.get("/e/lille/agenda?lang=fr")
    asked = visitor.post(ANSWER, {"decision": "accept"})
    assert "Aucun horaire commun" in asked.text and "Accepter quand même" in asked.text
    assert "Vous avez atteint votre limite de rendez-vous." in asked.text
