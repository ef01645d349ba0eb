"""Every organizer form refuses bad input with a clear message and changes nothing; good input is applied."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from forum.domain import Attendee, Meeting, Wish
from forum.domain.instance_json import dump_instance
from forum.services.attendees.requests import received_requests
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.runs import RunStore
from tests.factories import tiny_instance

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
    ("setup/event", {"timezone": "Europe/Pari", "max_open_requests": "300"},
     "time zone: 'Europe/Pari' is not a known time zone; write one like Europe/Paris"),
    ("setup/event", {"timezone": "../../etc/passwd", "max_open_requests": "300"}, "is not a known time zone"),
    ("setup/event", {"timezone": "Europe/Paris", "max_open_requests": "0"},
     "open requests per attendee must be between 1 and 10000"),
    ("setup/event", {"timezone": "Europe/Paris", "max_open_requests": "lots"}, "must be a whole number"),
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
    ("setup/import", "instance", b"{not json", "the file is not valid JSON (line 1, column 2"),
    ("setup/import", "instance", b"[" * 50_000 + b"]" * 50_000, "nests lists and objects more than 32 deep"),
    ("setup/import", "instance", b'{"event": {"timezone": "Europe/Pari"}, "slots": [], "attendees": []}',
     "event.timezone: &#39;Europe/Pari&#39; is not a known time zone"),
    ("attendees/import", "attendees", b'id,name\nb9,"Bea\nb10,Ben\n', "line 2: a quoted field is not closed"),
    ("attendees/import", "attendees", b"id,name,role\nb9,Bea,wizard\n", "line 2: role &#39;wizard&#39; is not one"),
    ("attendees/import", "attendees", b"id,name,fax\nb9,Bea,1\n", "line 1: unknown column(s) &#39;fax&#39;"),
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
    response = client.post(f"/e/tiny/organizer/{path}", data={"csrf": csrf, "confirm": "yes"}, files=files,
                           follow_redirects=False)
    assert response.status_code == 400 and message in response.text, response.text
    assert snapshot(events) == before


def test_organizer_upload_too_large_is_refused(organizer: Org) -> None:
    client, csrf = organizer
    big = b"x" * (9 * 1024 * 1024)
    response = client.post("/e/tiny/organizer/attendees/import", data={"csrf": csrf, "confirm": "yes"},
                           files={"attendees": ("a.csv", big, "text/csv")}, follow_redirects=False)
    assert response.status_code == 413 and "too large" in response.text


def test_import_event_replaces_instance_and_keeps_organizer(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    response = client.post("/e/tiny/organizer/setup/import", data={"csrf": csrf, "confirm": "yes"},
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


def test_event_settings_form_saves_zone_and_open_request_limit(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    response = client.post("/e/tiny/organizer/setup/event", data={
        "csrf": csrf, "timezone": " America/New_York ", "max_open_requests": "40"}, follow_redirects=False)
    assert response.status_code == 303
    found = events.get("tiny")
    assert (found.timezone, found.max_open_requests) == ("America/New_York", 40)
    entry = AuditLog(events.client).latest("tiny", 1)[0]
    assert (entry["who"], entry["action"]) == ("o1", "set event") and "40 open requests" in entry["detail"]
    page = client.get("/e/tiny/organizer/setup").text
    assert 'value="America/New_York"' in page and 'value="40"' in page


def test_runs_api_deeply_nested_body_is_a_400_with_a_sentence(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    body = '{"time_limit": 5, "weights": ' + "[" * 5000 + "]" * 5000 + "}"
    response = client.post("/api/events/tiny/runs", content=body, headers={"x-csrf-token": csrf,
                                                                           "content-type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": "the body nests lists and objects more than 32 deep; "
                                        "a forum document needs far fewer"}
    assert RunStore(events.client).all("tiny") == []


def test_import_event_reused_wish_id_goes_to_its_new_target_only(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    assert {r.wish.id for r in received_requests(events.client, "tiny", "a1")} == {"w1", "w2"}  # index built
    inst = tiny_instance()
    doc = dump_instance(replace(inst, attendees=(*inst.attendees, Attendee("b9", "Bo Buyer", "Bo TV", "buyer")),
                                wishes=(Wish("w1", "a2", "b9", message="for Bo only"),), fixed=(), previous=()))
    response = client.post("/e/tiny/organizer/setup/import", data={"csrf": csrf, "confirm": "yes"},
                           files={"instance": ("tiny.json", json.dumps(doc).encode(), "application/json")},
                           follow_redirects=False)
    assert response.status_code == 303
    assert received_requests(events.client, "tiny", "a1") == []
    assert [r.wish.message for r in received_requests(events.client, "tiny", "b9")] == ["for Bo only"]
