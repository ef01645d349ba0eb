"""Whole reads that remember decoded records: always what is stored now, decoding only what changed."""

from __future__ import annotations

from dataclasses import replace

from forum.domain import Wish
from forum.store import EventStore
from forum.store.snapshot import SnapshotStore
from tests.factories import tiny_instance


def test_snapshot_reads_a_changed_record_as_it_is_now(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    snapshot = SnapshotStore(store.client)
    assert {w.id: w.weight for w in snapshot.entities("tiny", Wish).all()} == {"w1": 3, "w2": 1}
    store.entities("tiny", Wish).put(replace(store.entities("tiny", Wish).get("w1"), weight=10))
    assert {w.id: w.weight for w in snapshot.entities("tiny", Wish).all()} == {"w1": 10, "w2": 1}


def test_snapshot_forgets_a_deleted_record_and_keeps_unchanged_ones(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    snapshot = SnapshotStore(store.client)
    first = {w.id: w for w in snapshot.entities("tiny", Wish).all()}
    store.entities("tiny", Wish).delete("w1")
    second = {w.id: w for w in snapshot.entities("tiny", Wish).all()}
    assert set(second) == {"w2"}
    assert second["w2"] is first["w2"]  # not decoded again


def test_snapshot_export_equals_the_plain_export(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    SnapshotStore(store.client).export_instance("tiny")  # remembered...
    assert SnapshotStore(store.client).export_instance("tiny") == store.export_instance("tiny")  # ...and the same
