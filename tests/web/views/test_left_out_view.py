"""The left-out page's reasons and fixes name people instead of attendee ids."""

from __future__ import annotations

from forum.domain import Wish
from forum.web.views.left_out_view import named


def test_named_replaces_whole_ids_of_the_wish_people_only() -> None:
    wish = Wish("w1", "b1", "b12", 3, ("p-1",))
    names = {"b1": "Bea Buyer", "b12": "Ben Twelve", "p-1": "Pia One", "x9": "Xavier"}
    text = "b1 and b12 share no free slot; p-1's day is full; x9 and b123 stay"
    assert named(text, wish, names) == (
        "Bea Buyer and Ben Twelve share no free slot; Pia One's day is full; x9 and b123 stay")
