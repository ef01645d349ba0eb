"""The request form is read in the web: importance words and preferred days become typed values or a sentence."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.datastructures import FormData

from forum.domain import Importance
from forum.errors import InvalidInput
from forum.web.attendee.request_form import new_request


def test_new_request_typed_from_the_form() -> None:
    form = FormData([("target", " b1 "), ("importance", "would_like"), ("message", "Hi"), ("colleagues", "p2"),
                     ("days", "2026-03-24"), ("days", "2026-03-25")])
    asked = new_request(form)
    assert (asked.target, asked.importance, asked.message, asked.colleagues) == ("b1", Importance.WOULD_LIKE,
                                                                                 "Hi", ("p2",))
    assert asked.days == (date(2026, 3, 24), date(2026, 3, 25))


@pytest.mark.parametrize(("fields", "words"), [
    ([("target", "b1"), ("importance", "urgent")], "how important"),
    ([("target", "b1")], "how important"),
    ([("target", "b1"), ("importance", "must"), ("days", "tuesday")], "days of the event"),
    ([("target", "b1"), ("importance", "must"), *[("days", "2026-03-24")] * 32], "days of the event"),
])
def test_new_request_bad_words_refused_with_a_sentence(fields: list[tuple[str, str]], words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        new_request(FormData(fields))
