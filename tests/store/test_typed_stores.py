"""Stores keyed by domain class, on a real Valkey: round trips, unchanged key names, clear refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from forum.domain import (
    Attendee,
    Event,
    Location,
    LocationKind,
    Meeting,
    MeetingStatus,
    PitchPlacement,
    PitchSession,
    Placement,
    Project,
    RunStatus,
    Slot,
    SlotKind,
    SolverRun,
    Window,
    Wish,
    WishStatus,
)
from forum.errors import NotFound
from forum.store import EntityStore, EventStore
from forum.store.agenda import AgendaStore
from forum.store.changes import Change, apply
from forum.store.codec import Entity, codec_of, stored_types
from forum.store.requests import RequestStore
from forum.store.runs import RunStore
from tests.factories import tiny_instance

START = datetime(2026, 3, 24, 9, 0)
ONE_OF_EACH: list[Any] = [
    Event("tiny", "Tiny market", "Europe/Lisbon"),
    Slot("s9", Window(START, START.replace(minute=30)), SlotKind.PITCH),
    Location("R9", LocationKind.ROOM, "Salle 9", "Hall B"),
    Attendee("a9", "Zoé Ü", "Films", "buyer", available=(Window(START, START.replace(hour=12)),), max_per_day=4),
    Wish("w9", "a1", "a9", 5, ("a3",), True, message="Bonjour", status=WishStatus.ACCEPTED),
    PitchSession("ps9", "R9", ("a1",), ("s9",), "Docs"),
    Project("pr9", "Les Mines", ("a2",), ("ps9",)),
    Meeting("w9", "w9", "s0", "T1", MeetingStatus.ACCEPTED, locked=True),
    SolverRun("run-9", "tiny", RunStatus.FINISHED, 12.5, {"meetings": 3}, {"value": 4.0}, 1.0, 2.0, 3.0, "done"),
    PitchPlacement("pr9", "s9"),
]
# The kind names inside stored keys: data written before the typed stores must stay readable.
KINDS: dict[type[Entity], str] = {
    Event: "event", Slot: "slot", Location: "location", Attendee: "attendee", Wish: "wish",
    PitchSession: "pitch_session", Project: "project", Meeting: "meeting", SolverRun: "run", PitchPlacement: "pitch",
}


@pytest.mark.parametrize("value", ONE_OF_EACH, ids=lambda v: type(v).__name__)
def test_record_round_trips_through_its_typed_store_as_the_same_object(store: EventStore, value: Any) -> None:
    records = store.entities("tiny", type(value))
    records.put(value)
    back = records.get(value.id)
    assert back == value and type(back) is type(value)
    assert records.find(value.id) == value
    assert records.get_many([value.id, "missing"]) == [value] == records.all()


def test_every_domain_class_is_registered_under_its_old_kind_name(store: EventStore) -> None:
    assert set(stored_types()) == set(KINDS)
    for cls, kind in KINDS.items():
        records = store.entities("tiny", cls)
        assert records.key("x1") == f"forum:tiny:{kind}:x1"
        assert records.index_key == f"forum:tiny:index:{kind}"
        assert codec_of(cls).kind == kind


def test_record_written_before_typed_stores_reads_back_typed(store: EventStore) -> None:
    store.client.set("forum:tiny:meeting:w1", '{"id":"w1","wish":"w1","slot":"s0","location":"T1",'
                                              '"status":"accepted","locked":false}')
    store.client.sadd("forum:tiny:index:meeting", "w1")
    assert store.entities("tiny", Meeting).all() == [Meeting("w1", "w1", "s0", "T1", MeetingStatus.ACCEPTED)]


def test_get_missing_id_raises_not_found_with_a_sentence(store: EventStore) -> None:
    with pytest.raises(NotFound) as raised:
        store.entities("tiny", PitchSession).get("nope")
    assert str(raised.value) == "There is no pitch session 'nope' in event 'tiny'."
    assert store.entities("tiny", PitchSession).find("nope") is None


def test_unregistered_class_fails_with_a_sentence(store: EventStore) -> None:
    unstored: Any = Placement
    with pytest.raises(TypeError, match=r"^Placement is not a stored entity type; the store keeps Attendee, "):
        store.entities("tiny", unstored)
    with pytest.raises(TypeError, match="Placement is not a stored entity type"):
        codec_of(unstored)


def test_kind_name_string_fails_with_a_sentence_naming_the_class_form(store: EventStore) -> None:
    old_style: Any = "slot"
    with pytest.raises(TypeError, match=r"by domain class, e\.g\. entities\(event, Slot\), not by kind 'slot'"):
        store.entities("tiny", old_style)


def test_put_of_another_class_is_refused_and_writes_nothing(store: EventStore) -> None:
    meetings: EntityStore[Any] = store.entities("tiny", Meeting)
    with pytest.raises(TypeError, match="cannot store a Wish among Meeting records"):
        meetings.put(Meeting("w1", "w1", "s0", "T1"), Wish("w2", "a1", "a2"))
    assert meetings.count() == 0


def test_change_record_returns_before_and_after_typed(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    before, after = store.entities("tiny", Wish).change(
        "w1", lambda w: replace(w, status=WishStatus.DECLINED), "no such wish", "busy")
    assert before.status is WishStatus.PENDING and after.status is WishStatus.DECLINED
    assert store.entities("tiny", Wish).get("w1") == after
    with pytest.raises(NotFound, match="no such wish"):
        store.entities("tiny", Wish).change("zz", lambda w: w, "no such wish", "busy")


def test_apply_change_by_class_puts_removes_and_reads_back_typed(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    meeting = Meeting("w2", "w2", "s1", "T2", locked=True)
    done = apply(store.client, "tiny", (Meeting, Wish),
                 lambda: Change(put={Meeting: [meeting]}, remove={Wish: ["w3"]}, audit={"action": "test"}))
    assert done.puts(Meeting) == [meeting] and done.puts(Slot) == []
    assert store.entities("tiny", Meeting).get("w2") == meeting
    assert store.entities("tiny", Wish).find("w3") is None and "w3" not in store.entities("tiny", Wish).ids()


def test_apply_value_under_another_class_is_refused_and_writes_nothing(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    before = store.entities("tiny", Meeting).ids()
    wrong: Any = {Meeting: [Meeting("w2", "w2", "s1", "T2"), Wish("w9", "a1", "a2")]}
    with pytest.raises(TypeError, match="cannot store a Wish among Meeting records"):
        apply(store.client, "tiny", (Meeting,), lambda: Change(put=wrong, remove={Wish: ["w1"]}))
    assert store.entities("tiny", Meeting).ids() == before and store.entities("tiny", Wish).find("w1") is not None


def test_typed_wrappers_build_on_the_generic_store(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    run = SolverRun("run-1", "tiny", RunStatus.FINISHED)
    RunStore(store.client).records("tiny").put(run)
    assert RunStore(store.client).get("tiny", "run-1") == run
    assert RequestStore(store.client, "tiny").find("w1") == store.entities("tiny", Wish).get("w1")
    meeting = Meeting("w1", "w1", "s0", "T1")
    store.entities("tiny", Meeting).put(meeting)
    assert AgendaStore(store.client, "tiny").meetings_of(["w1", "zz"]) == [meeting]
