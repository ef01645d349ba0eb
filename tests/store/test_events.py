"""Round trips of every entity through the real Valkey, and atomic replacement of an event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forum.domain import Attendee, Meeting, MeetingStatus, PitchPlacement, RunStatus, SolverRun, Wish, WishStatus
from forum.domain.instance_json import dump_instance, parse_instance
from forum.errors import NotFound
from forum.store import EventStore
from tests.factories import tiny_instance

SAMPLE = Path(__file__).parents[2] / "forum" / "data" / "inspiration-tour-2026.json"


def _by_id(items: tuple | list) -> list:
    return sorted(items, key=lambda x: x.id)


def test_import_instance_round_trips_every_entity(store: EventStore) -> None:
    inst = tiny_instance()
    store.import_instance(inst)
    back = store.export_instance("tiny")
    assert back.event == inst.event
    for name in ("slots", "locations", "attendees", "wishes", "pitch_sessions", "projects"):
        assert _by_id(getattr(back, name)) == _by_id(getattr(inst, name)), name
    assert set(back.fixed) == set(inst.fixed)
    assert set(back.previous) == set(inst.previous)


def test_import_instance_sample_file_round_trips_as_json(store: EventStore) -> None:
    doc = json.loads(SAMPLE.read_text())
    store.import_instance(parse_instance(doc))
    again = dump_instance(store.export_instance("inspiration-tour-2026"))
    assert sorted(a["id"] for a in again["attendees"]) == sorted(a["id"] for a in doc["attendees"])
    assert {w["id"]: w for w in again["wishes"]} == {
        w["id"]: {k: v for k, v in w.items()} for w in doc["wishes"]
    }


def test_import_instance_replaces_previous_content(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    smaller = tiny_instance()
    smaller = type(smaller)(**{**smaller.__dict__, "wishes": smaller.wishes[:1], "fixed": (), "previous": ()})
    store.import_instance(smaller)
    assert store.entities("tiny", Wish).ids() == ["w1"]
    assert store.entities("tiny", Meeting).ids() == []


def test_meeting_run_and_pitch_round_trip(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    meeting = Meeting("w1", "w1", "s0", "T1", MeetingStatus.ACCEPTED, locked=True)
    run = SolverRun("r1", "tiny", RunStatus.FINISHED, 12.5, {"value": 3}, {"value": 4.0, "bound": 4.0}, 1.0, 2.0, 3.0)
    pitch = PitchPlacement("pr1", "p1")
    store.entities("tiny", Meeting).put(meeting)
    store.entities("tiny", SolverRun).put(run)
    store.entities("tiny", PitchPlacement).put(pitch)
    assert store.entities("tiny", Meeting).get("w1") == meeting
    assert store.entities("tiny", SolverRun).get("r1") == run
    assert store.pitches("tiny") == [pitch]


def test_wish_status_survives_storage(store: EventStore) -> None:
    from dataclasses import replace

    inst = tiny_instance()
    store.import_instance(inst)
    wishes = store.entities("tiny", Wish)
    wishes.put(replace(wishes.get("w1"), status=WishStatus.DECLINED))
    assert wishes.get("w1").status is WishStatus.DECLINED


def test_get_unknown_entity_raises_not_found(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(NotFound, match="no attendee 'nobody'"):
        store.entities("tiny", Attendee).get("nobody")
    with pytest.raises(NotFound):
        store.get("no-such-event")


def test_keys_follow_forum_event_entity_id(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    raw = store.client.get("forum:tiny:attendee:a1")
    assert json.loads(raw)["name"] == "Ada Buyer"
    assert store.client.get("forum:schema") == "1"


def test_delete_event_removes_all_its_keys(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    store.delete("tiny")
    assert list(store.client.scan_iter(match="forum:tiny:*")) == []
    assert store.ids() == []
