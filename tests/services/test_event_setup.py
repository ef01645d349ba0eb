"""Event setup from typed plans: slots from days and hours, tables by area, pitch sessions, caps; all or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from forum.domain import Attendee, Location, Meeting, PitchSession, Project, Slot, SlotKind
from forum.errors import Conflict, InvalidInput
from forum.services.setup import event_setup
from forum.services.setup.event_setup import Caps, PitchPlan, ProjectPlan, SlotPlan, TableArea
from forum.store import EventStore
from forum.store.audit import AuditLog
from tests.factories import tiny_instance

DAY = SlotPlan((date(2026, 3, 24),), time(9), time(12), 30, ((time(10), time(10, 30)),))
PITCH = PitchPlan("copro", datetime(2026, 3, 25, 14), 3, 15, ("a1",),
                  (ProjectPlan("Les Mines", ("a2",)), ProjectPlan("Nord", ("a3",))), "Co-pro pitch", "Salle 1")


def test_meeting_slots_skip_breaks() -> None:
    plan = replace(DAY, days=(date(2026, 3, 25), date(2026, 3, 24)), end=time(11))
    assert [s.id for s in event_setup.meeting_slots(plan)] == ["s-0324-0900", "s-0324-0930", "s-0324-1030",
                                                               "s-0325-0900", "s-0325-0930", "s-0325-1030"]


@pytest.mark.parametrize(("change", "message"), [
    ({"end": time(8)}, "end after it starts"), ({"minutes": 1}, "between 5 and 240"),
    ({"breaks": ((time(13), time(12)),)}, "'13:00-12:00' ends before it starts"),
    ({"days": ()}, "between 1 and 14 days"),
    ({"days": tuple(date(2026, 3, 1) + timedelta(days=n) for n in range(15))}, "between 1 and 14 days"),
    ({"start": time(9), "end": time(9, 20)}, "give 0 meeting slots"),
])
def test_set_slots_bad_plan_is_refused_without_change(store: EventStore, change: dict[str, object],
                                                      message: str) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput, match=message):
        event_setup.set_slots(store.client, "tiny", "org", replace(DAY, **change))  # type: ignore[arg-type]
    assert store.entities("tiny", Slot).count() == 5 and AuditLog(store.client).latest("tiny") == []


def test_set_slots_keeping_used_slots_replaces_meeting_slots(store: EventStore) -> None:
    inst = tiny_instance()
    store.import_instance(inst)
    with pytest.raises(Conflict, match="s0, s1"):
        event_setup.set_slots(store.client, "tiny", "org", DAY)
    store.entities("tiny", Meeting).delete("w1")
    store.entities("tiny", Meeting).delete("w2")
    assert event_setup.set_slots(store.client, "tiny", "org", DAY) == 5
    kinds = sorted((s.kind.value, s.id) for s in store.entities("tiny", Slot).all())
    assert kinds[0] == ("meeting", "s-0324-0900") and ("pitch", "p1") in kinds and len(kinds) == 6
    assert AuditLog(store.client).latest("tiny")[0]["action"] == "set slots"


def test_set_tables_by_area(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(Conflict, match="tables T1, T2"):
        event_setup.set_tables(store.client, "tiny", "org", [TableArea("Hall A", 2)])
    for meeting in ("w1", "w2"):
        store.entities("tiny", Meeting).delete(meeting)
    assert event_setup.set_tables(store.client, "tiny", "org", [TableArea("Hall A", 2), TableArea("Hall B", 1)]) == 3
    tables = {loc.id: loc.area for loc in store.entities("tiny", Location).all()}
    assert tables == {"T001": "Hall A", "T002": "Hall A", "T003": "Hall B", "R1": ""}
    with pytest.raises(InvalidInput, match="line 2: table count must be between 1 and 2000"):
        event_setup.set_tables(store.client, "tiny", "org", [TableArea("Hall A", 2), TableArea("Hall B", 0)])
    with pytest.raises(InvalidInput, match="between 1 and 2000 tables in all"):
        event_setup.set_tables(store.client, "tiny", "org", [])


def test_pitch_session_creates_room_slots_projects(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    session = event_setup.pitch_session(store.client, "tiny", "org", PITCH)
    assert session.slots == ("p-copro-1", "p-copro-2", "p-copro-3") and session.name == "Co-pro pitch"
    assert store.entities("tiny", Project).get("copro-p2").presenters == ("a3",)
    assert store.entities("tiny", Slot).get("p-copro-3").kind is SlotKind.PITCH
    assert store.entities("tiny", Location).get("room-copro").name == "Salle 1"


@pytest.mark.parametrize(("change", "message"), [
    ({"ident": "bad id!"}, "session id"), ({"panel": ("zz",)}, "panel: no attendee zz"),
    ({"panel": ()}, "panel: name at least one attendee id"), ({"count": 0}, "pitch count must be between 1 and 50"),
    ({"minutes": 200}, "pitch length must be between 5 and 120"),
    ({"projects": (ProjectPlan("Nord", ("nobody",)),)}, "project line 1: no attendee nobody"),
])
def test_pitch_session_bad_plan_is_refused_without_change(store: EventStore, change: dict[str, object],
                                                          message: str) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput, match=message):
        event_setup.pitch_session(store.client, "tiny", "org", replace(PITCH, **change))  # type: ignore[arg-type]
    assert store.entities("tiny", PitchSession).find("copro") is None


def test_set_caps_for_role(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    assert event_setup.set_caps(store.client, "tiny", "org", "producer", Caps(5)) == 2
    assert store.entities("tiny", Attendee).get("a3").max_meetings == 5
    with pytest.raises(InvalidInput, match="meetings per day must be between 0 and 500"):
        event_setup.set_caps(store.client, "tiny", "org", "producer", Caps(per_day=-1))
    with pytest.raises(InvalidInput, match="no attendee has the role"):
        event_setup.set_caps(store.client, "tiny", "org", "alien", Caps(3))


def test_set_attendee_caps_for_one(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    event_setup.set_attendee_caps(store.client, "tiny", "org", "a2", Caps(4, 2))
    person = store.entities("tiny", Attendee).get("a2")
    assert (person.max_meetings, person.max_per_day) == (4, 2)
