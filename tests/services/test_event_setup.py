"""Event setup: slots from days and hours, tables by area, pitch sessions and caps; all or nothing."""

from __future__ import annotations

import pytest

from forum.domain import SlotKind
from forum.errors import Conflict, InvalidInput
from forum.services.setup import event_setup
from forum.store import EventStore
from forum.store.audit import AuditLog
from tests.factories import tiny_instance

DAY = {"days": "2026-03-24", "start": "09:00", "end": "12:00", "minutes": "30", "breaks": "10:00-10:30"}


def test_meeting_slots_skip_breaks() -> None:
    slots = event_setup.meeting_slots("2026-03-25 2026-03-24", "09:00", "11:00", "30", "10:00-10:30")
    assert [s.id for s in slots] == ["s-0324-0900", "s-0324-0930", "s-0324-1030",
                                     "s-0325-0900", "s-0325-0930", "s-0325-1030"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("days", "tomorrow", "days must be dates"), ("start", "9am", "start must be a time"),
    ("end", "08:00", "end after it starts"), ("minutes", "lots", "slot length must be a whole number"),
    ("minutes", "1", "between 5 and 240"), ("breaks", "13:00", "breaks look like"),
])
def test_set_slots_bad_input_is_refused_without_change(store: EventStore, field: str, value: str,
                                                       message: str) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput, match=message):
        event_setup.set_slots(store.client, "tiny", "org", {**DAY, field: value})
    assert store.entities("tiny", "slot").count() == 5 and AuditLog(store.client).latest("tiny") == []


def test_set_slots_keeping_used_slots_replaces_meeting_slots(store: EventStore) -> None:
    inst = tiny_instance()
    store.import_instance(inst)
    with pytest.raises(Conflict, match="s0, s1"):
        event_setup.set_slots(store.client, "tiny", "org", DAY)
    store.entities("tiny", "meeting").delete("w1")
    store.entities("tiny", "meeting").delete("w2")
    assert event_setup.set_slots(store.client, "tiny", "org", DAY) == 5
    kinds = sorted((s.kind.value, s.id) for s in store.entities("tiny", "slot").all())
    assert kinds[0] == ("meeting", "s-0324-0900") and ("pitch", "p1") in kinds and len(kinds) == 6
    assert AuditLog(store.client).latest("tiny")[0]["action"] == "set slots"


def test_set_tables_by_area(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(Conflict, match="tables T1, T2"):
        event_setup.set_tables(store.client, "tiny", "org", "Hall A: 2")
    for meeting in ("w1", "w2"):
        store.entities("tiny", "meeting").delete(meeting)
    assert event_setup.set_tables(store.client, "tiny", "org", "Hall A: 2\nHall B: 1") == 3
    tables = {loc.id: loc.area for loc in store.entities("tiny", "location").all()}
    assert tables == {"T001": "Hall A", "T002": "Hall A", "T003": "Hall B", "R1": ""}
    with pytest.raises(InvalidInput, match="line 2"):
        event_setup.set_tables(store.client, "tiny", "org", "Hall A: 2\nlots of tables")


def test_pitch_session_creates_room_slots_projects(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    form = {"id": "copro", "name": "Co-pro pitch", "room": "Salle 1", "day": "2026-03-25", "start": "14:00",
            "count": "3", "minutes": "15", "panel": "a1", "projects": "Les Mines | a2\nNord | a3"}
    session = event_setup.pitch_session(store.client, "tiny", "org", form)
    assert session.slots == ("p-copro-1", "p-copro-2", "p-copro-3")
    assert store.entities("tiny", "project").get("copro-p2").presenters == ("a3",)
    assert store.entities("tiny", "slot").get("p-copro-3").kind is SlotKind.PITCH
    with pytest.raises(InvalidInput, match="no attendee zz"):
        event_setup.pitch_session(store.client, "tiny", "org", {**form, "id": "other", "panel": "zz"})
    assert store.entities("tiny", "pitch_session").find("other") is None


def test_set_caps_for_role(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    assert event_setup.set_caps(store.client, "tiny", "org", "producer", "5", "") == 2
    assert store.entities("tiny", "attendee").get("a3").max_meetings == 5
    with pytest.raises(InvalidInput, match="whole number"):
        event_setup.set_caps(store.client, "tiny", "org", "producer", "x", "")
    with pytest.raises(InvalidInput, match="no attendee has the role"):
        event_setup.set_caps(store.client, "tiny", "org", "alien", "3", "")
