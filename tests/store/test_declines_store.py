"""The decline and shortlist stores: one transaction per decline with its undo record (JSON, expiring), whole
batches or nothing, and ids checked before they become part of a key."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from forum.domain import Meeting, MeetingStatus, Wish, WishStatus
from forum.errors import Conflict, InvalidInput
from forum.store import EventStore
from forum.store.declines import KEEP_AFTER, DeclineStore, check_id, undo_key
from forum.store.shortlist import MAX_KEPT, ShortlistStore, shortlist_key

EVENT = "lille"


@pytest.fixture
def decl(store: EventStore) -> DeclineStore:
    store.entities(EVENT, Wish).put(Wish("w1", "p1", "b1"), Wish("w2", "p2", "b1"), Wish("w3", "p3", "b1"))
    store.entities(EVENT, Meeting).put(Meeting("w1", "w1", "s1", "T1"))
    return DeclineStore(store.client, EVENT)


def _decline(m: Meeting, w: Wish) -> tuple[Meeting, Wish]:
    return replace(m, status=MeetingStatus.DECLINED), replace(w, status=WishStatus.DECLINED)


def test_decline_writes_both_and_an_expiring_json_record(store: EventStore, decl: DeclineStore) -> None:
    record = decl.decline("w1", "b1", _decline, now=1000.0, until=1010.0)
    assert store.entities(EVENT, Meeting).get("w1").status is MeetingStatus.DECLINED
    assert store.entities(EVENT, Wish).get("w1").status is WishStatus.DECLINED
    raw = store.client.get(undo_key(EVENT, "b1", "w1"))
    assert json.loads(raw)["until"] == 1010.0 and decl.record("b1", "w1") == record
    assert 0 < store.client.ttl(undo_key(EVENT, "b1", "w1")) <= 10 + KEEP_AFTER
    assert decl.open_windows("b1", 1005.0) == {"w1": 1010.0} and decl.open_windows("b1", 1011.0) == {}


def test_a_refused_decline_writes_nothing(store: EventStore, decl: DeclineStore) -> None:
    def refuse(m: Meeting, w: Wish) -> tuple[Meeting, Wish]:
        raise Conflict("no")

    with pytest.raises(Conflict):
        decl.decline("w1", "b1", refuse, now=1.0, until=11.0)
    assert store.entities(EVENT, Meeting).get("w1").status is MeetingStatus.PROPOSED
    assert store.client.get(undo_key(EVENT, "b1", "w1")) is None


def test_decline_many_is_all_or_nothing(store: EventStore, decl: DeclineStore) -> None:
    def only_w1_w2(w: Wish, m: Meeting | None) -> Wish:
        if w.id == "w3":
            raise Conflict("changed")
        return replace(w, status=WishStatus.DECLINED)

    with pytest.raises(Conflict):
        decl.decline_many(["w1", "w2", "w3"], only_w1_w2)
    assert all(w.status is WishStatus.PENDING for w in store.entities(EVENT, Wish).all())
    decl.decline_many(["w1", "w2"], only_w1_w2)
    assert [w.status for w in store.entities(EVENT, Wish).get_many(["w1", "w2", "w3"])] == [
        WishStatus.DECLINED, WishStatus.DECLINED, WishStatus.PENDING]


@pytest.mark.parametrize("ident", ["", "a" * 101, "a b", "a*", "../x", "w1\n"])
def test_check_id_refuses_what_cannot_be_a_key_part(ident: str) -> None:
    with pytest.raises(InvalidInput):
        check_id(ident)


@pytest.mark.parametrize("ident", ["w1", "r-0a1b2c", "imported.id:7", "a" * 100])
def test_check_id_keeps_plain_ids(ident: str) -> None:
    assert check_id(ident) == ident


def test_shortlist_keeps_json_values_and_is_bounded(store: EventStore) -> None:
    kept = ShortlistStore(store.client, EVENT)
    kept.keep("b1", "w1", 5.0)
    assert json.loads(store.client.hget(shortlist_key(EVENT, "b1"), "w1")) == {"at": 5.0}
    store.client.hset(shortlist_key(EVENT, "b1"), mapping={f"x{i}": "{}" for i in range(MAX_KEPT)})
    with pytest.raises(Conflict, match="full"):
        kept.keep("b1", "w2", 6.0)
    kept.keep("b1", "w1", 7.0)  # already kept: no new entry, allowed
    kept.drop("b1", "w1")
    assert "w1" not in kept.kept("b1")
