"""The `back` field only chooses where a form returns to: a bad one never turns a change that was made into an
error page (found by tests/system/test_fuzz_forms.py: a withdraw with `back` sent twice was done, then 400)."""

from __future__ import annotations

import pytest

from forum.domain import Importance, WishStatus
from forum.services.attendees.requests import NewRequest, create_request
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT, wish


@pytest.mark.parametrize("back", [["/e/lille/people", "/e/lille/agenda"], ["https://evil.example/"],
                                  ["/e/other/agenda"], [""]])
def test_withdraw_with_bad_back_is_done_and_goes_to_default(visitor: Visitor, back: list[str]) -> None:
    asked = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    response = visitor.sign_in("p1").post(f"/e/lille/requests/{asked.id}/withdraw", {"back": back})
    assert response.status_code == 303 and response.headers["location"] == "/e/lille/requests?done=withdrawn"
    assert wish(visitor.store, asked.id).status is WishStatus.WITHDRAWN


def test_withdraw_with_good_back_returns_there(visitor: Visitor) -> None:
    asked = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    response = visitor.sign_in("p1").post(f"/e/lille/requests/{asked.id}/withdraw", {"back": "/e/lille/people/b1"})
    assert response.status_code == 303 and response.headers["location"] == "/e/lille/people/b1?done=withdrawn"
