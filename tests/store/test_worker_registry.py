"""Worker heartbeats in the store: a beat lists the worker with a TTL, an expired or forgotten one is gone."""

from __future__ import annotations

import time

from forum.store import EventStore
from forum.store.workers import BEAT_TTL, WorkerRegistry, beat_key
from tests.factories import tiny_instance


def test_worker_registry_beat_lists_the_worker_with_a_ttl(store: EventStore) -> None:
    registry = WorkerRegistry(store.client)
    registry.beat("w-1", {"pid": 12, "queue": "forum"})
    assert registry.alive() == [{"pid": 12, "queue": "forum", "id": "w-1"}]
    assert 0 < store.client.ttl(beat_key("w-1")) <= BEAT_TTL


def test_worker_registry_forget_removes_the_worker_at_once(store: EventStore) -> None:
    registry = WorkerRegistry(store.client)
    registry.beat("w-1", {"pid": 1})
    registry.beat("w-2", {"pid": 2})
    registry.forget("w-1")
    assert [w["id"] for w in registry.alive()] == ["w-2"]


def test_worker_registry_expired_beat_drops_the_worker(store: EventStore) -> None:
    registry = WorkerRegistry(store.client)
    registry.beat("w-1", {"pid": 1})
    store.client.pexpire(beat_key("w-1"), 50)  # as if it stopped beating BEAT_TTL seconds ago
    deadline = time.monotonic() + 5
    while store.client.exists(beat_key("w-1")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert registry.alive() == []
    assert not store.client.smembers("forum:workers")


def test_worker_registry_survives_replacing_an_event_named_workers(store: EventStore) -> None:
    registry = WorkerRegistry(store.client)
    registry.beat("w-1", {"pid": 1})
    store.import_instance(tiny_instance("workers"))
    store.import_instance(tiny_instance("workers"))  # replacing it deletes forum:workers:* (its own keys)
    store.delete("workers")
    assert [w["id"] for w in registry.alive()] == ["w-1"]
