"""Organizer pages render for the event's organizer, with charts, meetings, left-out rows and exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from starlette.testclient import TestClient

from forum.domain import Placement, RunStatus, Schedule, SolverRun
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore

Org = tuple[TestClient, str]


@pytest.mark.parametrize(("path", "expected"), [
    ("", "Table occupancy"), ("/setup", "Days and meeting slots"), ("/attendees", "Olga Organizer"),
    ("/runs", "Start a run"), ("/meetings", "Paul Producer (a2)"), ("/left-out", "Every open wish is met"),
    ("/exports", "Per-table sheets"), ("/exports/sheets", "Table 1"),
])
def test_organizer_page_renders(organizer: Org, path: str, expected: str) -> None:
    client, _ = organizer
    response = client.get(f"/e/tiny/organizer{path}")
    assert response.status_code == 200 and expected in response.text


def test_dashboard_has_svg_charts(organizer: Org) -> None:
    client, _ = organizer
    page = client.get("/e/tiny/organizer").text
    assert page.count("<svg") == 3 and "Meetings per attendee" in page


def test_home_sends_organizer_to_dashboard(organizer: Org) -> None:
    client, _ = organizer
    response = client.get("/e/tiny", follow_redirects=False)
    assert response.headers["location"] == "/e/tiny/organizer"


def test_exports_download_csv_and_json(organizer: Org) -> None:
    client, _ = organizer
    rows = list(csv.DictReader(io.StringIO(client.get("/e/tiny/organizer/exports/schedule.csv").text)))
    assert {r["meeting"] for r in rows} == {"w1", "w2"}
    assert json.loads(client.get("/e/tiny/organizer/exports/schedule.json").text)["format"] == "forum-schedule/1"
    assert json.loads(client.get("/e/tiny/organizer/exports/instance.json").text)["event"]["id"] == "tiny"
    assert client.get("/e/tiny/organizer/attendees.csv").text.startswith("id,name")


def test_sign_in_link_is_shown(organizer: Org) -> None:
    # The link no longer comes with the attendee's code: codes are stored hashed and shown only when issued
    # (issue 10; the "New access code" action, tests/web/organizer/test_attendee_access.py).
    client, csrf = organizer
    page = client.post("/e/tiny/organizer/attendees/link", data={"csrf": csrf, "attendee": "a2"})
    assert page.status_code == 200 and "/signin/" in page.text and 'class="code"' not in page.text
    links = client.post("/e/tiny/organizer/attendees/links.csv", data={"csrf": csrf})
    assert links.text.count("/signin/") == 4


def test_run_pages_show_figures_curve_and_comparison(organizer: Org, events: EventStore) -> None:
    client, _ = organizer
    runs, schedules = RunStore(events.client), ScheduleStore(events.client)
    for ident, meetings in (("run-1", (Placement("w1", "s0", "T1"),)),
                            ("run-2", (Placement("w1", "s2", "T1"), Placement("w2", "s1", "T2")))):
        runs.records("tiny").put(SolverRun(ident, "tiny", RunStatus.FINISHED, 5.0,
                                           figures={"value": 3.0, "met": len(meetings)}))
        schedules.save_draft("tiny", ident, Schedule(meetings))
        runs.add_progress("tiny", ident, {"elapsed": 1.0, "value": 3, "bound": 4})
    assert 'class="value"' in client.get("/e/tiny/organizer/runs/run-2").text
    assert 'id="run-live"' in client.get("/e/tiny/organizer/runs/run-2/live").text
    page = client.get("/e/tiny/organizer/compare?left=run-1&right=run-2")
    assert page.status_code == 200 and "2 meetings differ" in page.text and "producer" in page.text
    assert client.get("/e/tiny/organizer/compare?left=run-1&right=run-1").status_code == 400
