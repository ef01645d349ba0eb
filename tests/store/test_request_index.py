"""The requests-by-person index is derived data: a change that writes wishes forgets it in the same transaction."""

from __future__ import annotations

import pytest

from forum.domain import Wish
from forum.store import EventStore
from forum.store.changes import Change, apply
from forum.store.requests import RequestStore, built_key, received_key, sent_key
from tests.factories import tiny_instance


def test_change_writing_wishes_forgets_the_index_atomically(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    requests = RequestStore(store.client, "tiny")
    assert [w.id for w in requests.received("a1")] == ["w1", "w2"]
    apply(store.client, "tiny", (Wish,), lambda: Change(put={Wish: [Wish("w1", "a3", "a2")]}))
    assert not store.client.exists(built_key("tiny"), sent_key("tiny", "a2"), received_key("tiny", "a1"))
    assert [w.id for w in requests.received("a1")] == ["w2"] and [w.id for w in requests.received("a2")] == ["w1"]


def test_change_writing_wishes_without_watching_them_is_refused(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(TypeError, match="must watch Wish"):
        apply(store.client, "tiny", (), lambda: Change(put={Wish: [Wish("w9", "a2", "a1")]}))
    assert store.entities("tiny", Wish).find("w9") is None
