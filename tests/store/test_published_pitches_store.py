"""Published pitches travel with an event: imported from `previous_pitches`, exported back the same."""

from __future__ import annotations

from dataclasses import replace

from forum.domain import PitchPlacement, Project
from forum.store import EventStore
from tests.factories import tiny_instance


def test_import_publishes_previous_pitches_and_export_returns_them(store: EventStore) -> None:
    store.import_instance(replace(tiny_instance(), previous_pitches=(PitchPlacement("pr1", "p1"),)))
    assert store.pitches("tiny") == [PitchPlacement("pr1", "p1")]
    assert store.export_instance("tiny").previous_pitches == (PitchPlacement("pr1", "p1"),)


def test_export_leaves_out_a_pitch_whose_project_is_gone(store: EventStore) -> None:
    store.import_instance(replace(tiny_instance(), previous_pitches=(PitchPlacement("pr1", "p1"),)))
    store.entities("tiny", Project).delete("pr1")
    assert store.export_instance("tiny").previous_pitches == ()
