"""Hand changes to the published schedule: validated, atomic, audited and pushed to the streams."""

from __future__ import annotations

import pytest

from forum.domain import Attendee, Meeting, MeetingStatus
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services.schedule import meeting_admin
from forum.store import EventStore
from forum.store.streams import organizer_stream
from tests.factories import tiny_instance


@pytest.fixture
def tiny(store: EventStore) -> EventStore:
    store.import_instance(tiny_instance())
    return store


def test_lock_meeting_sets_flag_and_audits(tiny: EventStore) -> None:
    done = meeting_admin.set_state(tiny.client, "tiny", "w1", "lock", "org")
    assert done.locked and tiny.entities("tiny", Meeting).get("w1").locked
    entry = meeting_admin.audit_log(tiny.client, "tiny")[0]
    assert (entry["who"], entry["action"], entry["meeting"]) == ("org", "lock", "w1")
    assert tiny.client.xlen(organizer_stream("tiny")) == 1


def test_unlock_then_cancel_meeting_changes_state(tiny: EventStore) -> None:
    meeting_admin.set_state(tiny.client, "tiny", "w1", "lock", "org")
    assert not meeting_admin.set_state(tiny.client, "tiny", "w1", "unlock", "org").locked
    assert meeting_admin.set_state(tiny.client, "tiny", "w1", "cancel", "org").status is MeetingStatus.CANCELLED
    with pytest.raises(Conflict):
        meeting_admin.set_state(tiny.client, "tiny", "w1", "lock", "org")


def test_set_state_unknown_action_or_meeting_is_refused(tiny: EventStore) -> None:
    with pytest.raises(InvalidInput):
        meeting_admin.set_state(tiny.client, "tiny", "w1", "explode", "org")
    with pytest.raises(NotFound):
        meeting_admin.set_state(tiny.client, "tiny", "nope", "lock", "org")
    assert meeting_admin.audit_log(tiny.client, "tiny") == []


def test_move_meeting_to_free_slot_locks_it(tiny: EventStore) -> None:
    moved = meeting_admin.move(tiny.client, "tiny", "w1", "s2", "T2", "org")
    assert (moved.slot, moved.location, moved.locked) == ("s2", "T2", True)
    assert "s0 at T1 → s2 at T2" in meeting_admin.audit_log(tiny.client, "tiny")[0]["detail"]


def test_move_meeting_into_clash_is_refused_with_reason(tiny: EventStore) -> None:
    with pytest.raises(Conflict) as refused:
        meeting_admin.move(tiny.client, "tiny", "w1", "s1", "T1", "org")
    assert "a1" in refused.value.message
    assert tiny.entities("tiny", Meeting).get("w1").slot == "s0"
    assert meeting_admin.audit_log(tiny.client, "tiny") == []


def test_move_meeting_onto_taken_table_or_unknown_slot_is_refused(tiny: EventStore) -> None:
    with pytest.raises(Conflict, match="T1 holds meeting w1 and meeting w2"):
        meeting_admin.move(tiny.client, "tiny", "w2", "s0", "T1", "org")
    with pytest.raises(Conflict, match="unknown slot"):
        meeting_admin.move(tiny.client, "tiny", "w1", "zz", "T1", "org")
    with pytest.raises(InvalidInput):
        meeting_admin.move(tiny.client, "tiny", "w1", "", "T1", "org")


def test_move_ignores_problems_that_were_already_there(tiny: EventStore) -> None:
    from dataclasses import replace

    inst = tiny.export_instance("tiny")
    capped = tuple(replace(a, max_meetings=1) if a.id == "a1" else a for a in inst.attendees)
    tiny.entities("tiny", Attendee).put(*capped)  # a1 is already over a cap of 1 with w1 and w2
    moved = meeting_admin.move(tiny.client, "tiny", "w1", "s2", "T1", "org")
    assert moved.slot == "s2"
