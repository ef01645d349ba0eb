"""Every organizer form refuses bad input with a clear message and changes nothing; good input is applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from forum.domain import Attendee, Meeting
from forum.domain.instance_json import dump_instance
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.runs import RunStore

Org = tuple[TestClient, str]
SAMPLE = Path(__file__).resolve().parents[3] / "forum" / "data" / "inspiration-tour-2026.json"


def snapshot(store: EventStore) -> str:
    meetings = sorted(str(m) for m in store.entities("tiny", Meeting).all())
    runs = [r.id for r in RunStore(store.client).all("tiny")]
    return json.dumps([dump_instance(store.export_instance("tiny")), meetings, runs,
                       AuditLog(store.client).latest("tiny")], sort_keys=True, default=str)


BAD_FORMS = [
    ("setup/slots", {"days": "soon", "start": "09:00", "end": "18:00", "minutes": "30"}, "days must be dates"),
    ("setup/slots", {"days": "2026-03-24", "start": "09:00", "end": "18:00", "minutes": "0"}, "between 5 and 240"),
    ("setup/slots", {"days": "2026-03-24", "start": "09:00", "end": "18:00", "minutes": "30"},
     "live meetings are placed at slots s0, s1"),
    ("setup/tables", {"tables": "Hall A twenty"}, "line 1: write tables as"),
    ("setup/tables", {"tables": "Hall A: 2"}, "live meetings are placed at tables T1, T2"),
    ("setup/pitch", {"id": "bad id!", "day": "2026-03-24", "start": "14:00", "count": "2", "minutes": "15",
                     "panel": "a1"}, "session id"),
    ("setup/pitch", {"id": "cp", "day": "2026-03-24", "start": "14:00", "count": "2", "minutes": "15",
                     "panel": "a1", "projects": "Nord | nobody"}, "project line 1: no attendee nobody"),
    ("setup/caps", {"role": "producer", "max_meetings": "many"}, "meetings in all must be a whole number"),
    ("setup/caps", {"role": "alien", "max_meetings": "3"}, "no attendee has the role"),
    ("attendees/caps", {"attendee": "a1", "max_per_day": "-1"}, "meetings per day must be between 0 and 500"),
    ("attendees/caps", {"attendee": "zz", "max_per_day": "3"}, "no attendee 'zz'"),
    ("runs", {"time_limit": "forever"}, "time_limit must be a number"),
    ("runs", {"time_limit": "5", "value": "high"}, "weight value must be a whole number"),
    ("runs", {"time_limit": "5", "gaps": "5000"}, "weights must be whole numbers between 0 and 1000"),
    ("meetings/w1/state", {"action": "explode"}, "unknown action"),
    ("meetings/zz/state", {"action": "lock"}, "no meeting"),
    ("meetings/move", {"meeting": "w1", "slot": "s1", "location": "T1"}, "This move is refused: "),
    ("meetings/move", {"meeting": "w1", "slot": "", "location": "T1"}, "choose both a slot and a table"),
    ("meetings/move", {"meeting": "w1", "slot": "s2", "location": "R1"}, "not at a table"),
    ("runs/run-9/publish", {}, "no run"),
    ("runs/run-9/cancel", {}, "no run"),
]


@pytest.mark.parametrize(("path", "form", "message"), BAD_FORMS)
def test_organizer_form_bad_input_is_refused_without_change(organizer: Org, events: EventStore, path: str,
                                                            form: dict[str, str], message: str) -> None:
    client, csrf = organizer
    before = snapshot(events)
    response = client.post(f"/e/tiny/organizer/{path}", data={"csrf": csrf, **form}, follow_redirects=False)
    assert response.status_code in (400, 404, 409), response.text
    assert message in response.text.replace("&#39;", "'")
    assert snapshot(events) == before


@pytest.mark.parametrize(("path", "name", "content", "message"), [
    ("setup/import", "instance", b"{not json", "the file is not JSON"),
    ("setup/import", "instance", b'{"format": "forum-instance/1", "slots": [{"id": "s"}]}', "slots[0]"),
    ("setup/import", "instance", b"\xff\xfe", "UTF-8"),
    ("attendees/import", "attendees", b"id,name,max_meetings\nb9,Bea,lots\n", "line 2: max_meetings"),
    ("attendees/import", "attendees", b"", "choose a file"),
])
def test_organizer_upload_bad_file_is_refused_without_change(organizer: Org, events: EventStore, path: str,
                                                             name: str, content: bytes, message: str) -> None:
    client, csrf = organizer
    before = snapshot(events)
    files = {name: ("upload.dat", content, "application/octet-stream")} if content else {name: ("", b"", "")}
    response = client.post(f"/e/tiny/organizer/{path}", data={"csrf": csrf}, files=files, follow_redirects=False)
    assert response.status_code == 400 and message in response.text, response.text
    assert snapshot(events) == before


def test_organizer_upload_too_large_is_refused(organizer: Org) -> None:
    client, csrf = organizer
    big = b"x" * (9 * 1024 * 1024)
    response = client.post("/e/tiny/organizer/attendees/import", data={"csrf": csrf},
                           files={"attendees": ("a.csv", big, "text/csv")}, follow_redirects=False)
    assert response.status_code == 413 and "too large" in response.text


def test_import_event_replaces_instance_and_keeps_organizer(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    response = client.post("/e/tiny/organizer/setup/import", data={"csrf": csrf},
                           files={"instance": ("tour.json", SAMPLE.read_bytes(), "application/json")},
                           follow_redirects=False)
    assert response.status_code == 303 and "Imported" in response.headers["location"]
    inst = events.export_instance("tiny")
    assert len(inst.wishes) == 34 and any(a.id == "o1" for a in inst.attendees)
    assert client.get("/e/tiny/organizer").status_code == 200  # still signed in


def test_good_forms_apply_and_audit(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    done = client.post("/e/tiny/organizer/meetings/w1/state", data={"csrf": csrf, "action": "lock"},
                       follow_redirects=False)
    assert done.status_code == 303 and events.entities("tiny", Meeting).get("w1").locked
    moved = client.post("/e/tiny/organizer/meetings/move", data={"csrf": csrf, "meeting": "w1", "slot": "s2",
                                                                  "location": "T2"})
    assert "moved to s2 at T2" in moved.text and events.entities("tiny", Meeting).get("w1").slot == "s2"
    client.post("/e/tiny/organizer/setup/caps", data={"csrf": csrf, "role": "buyer", "max_per_day": "6"})
    assert events.entities("tiny", Attendee).get("a1").max_per_day == 6
    client.post("/e/tiny/organizer/attendees/caps", data={"csrf": csrf, "attendee": "a2", "max_meetings": "4"})
    assert events.entities("tiny", Attendee).get("a2").max_meetings == 4
    actions = [e["action"] for e in AuditLog(events.client).latest("tiny")]
    assert actions == ["set caps", "set caps", "move", "lock"]
