"""Publish, cancel and imports need an explicit confirmation that says what will happen; without it nothing
changes."""

from __future__ import annotations

from starlette.testclient import TestClient

from forum.domain import Attendee, Meeting, MeetingStatus, Placement, RunStatus, Schedule, SolverRun
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore

Org = tuple[TestClient, str]
CSV = ("new.csv", b"id,name,role\nn1,Nina New,buyer\n", "text/csv")


def _draft(events: EventStore) -> None:
    RunStore(events.client).records("tiny").put(SolverRun("run-7", "tiny", RunStatus.FINISHED))
    ScheduleStore(events.client).save_draft("tiny", "run-7", Schedule((Placement("w1", "s3", "T2"),
                                                                       Placement("w2", "s1", "T2"))))


def test_publish_without_confirmation_shows_what_will_happen_and_publishes_nothing(organizer: Org,
                                                                                   events: EventStore) -> None:
    client, csrf = organizer
    _draft(events)
    page = client.post("/e/tiny/organizer/runs/run-7/publish", data={"csrf": csrf}, follow_redirects=False)
    assert page.status_code == 200 and 'id="confirm-form"' in page.text
    assert "0 meetings will be added, 1 moved and 0 removed." in page.text  # w1 moves from s0 to s3
    assert "3 attendees whose meetings change are told" in page.text  # w1's requester, target, colleague
    assert 'name="confirm" value="yes"' in page.text and f'value="{csrf}"' in page.text
    assert ScheduleStore(events.client).published_run("tiny") is None
    assert events.entities("tiny", Meeting).get("w1").slot == "s0"


def test_publish_with_confirmation_publishes(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    _draft(events)
    done = client.post("/e/tiny/organizer/runs/run-7/publish", data={"csrf": csrf, "confirm": "yes"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert ScheduleStore(events.client).published_run("tiny") == "run-7"
    assert events.entities("tiny", Meeting).get("w1").slot == "s3"


def test_publish_confirmation_keeps_csrf_checked(organizer: Org, events: EventStore) -> None:
    client, _ = organizer
    _draft(events)
    forged = client.post("/e/tiny/organizer/runs/run-7/publish", data={"csrf": "forged", "confirm": "yes"})
    assert forged.status_code == 403 and ScheduleStore(events.client).published_run("tiny") is None


def test_cancel_meeting_names_who_is_told_and_needs_confirmation(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    ask = client.post("/e/tiny/organizer/meetings/w1/state", data={"csrf": csrf, "action": "cancel"},
                      follow_redirects=False)
    assert ask.status_code == 200 and "Paul Producer (Films)" in ask.text and "Ada Buyer (HBO)" in ask.text
    assert events.entities("tiny", Meeting).get("w1").status is not MeetingStatus.CANCELLED
    done = client.post("/e/tiny/organizer/meetings/w1/state",
                       data={"csrf": csrf, "action": "cancel", "confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    assert events.entities("tiny", Meeting).get("w1").status is MeetingStatus.CANCELLED


def test_lock_needs_no_confirmation(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    done = client.post("/e/tiny/organizer/meetings/w1/state", data={"csrf": csrf, "action": "lock"},
                       follow_redirects=False)
    assert done.status_code == 303 and events.entities("tiny", Meeting).get("w1").locked


def test_cancel_run_needs_confirmation(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    client.post("/e/tiny/organizer/runs", data={"csrf": csrf, "time_limit": "5"})
    ask = client.post("/e/tiny/organizer/runs/run-1/cancel", data={"csrf": csrf}, follow_redirects=False)
    assert ask.status_code == 200 and "best schedule it has found so far is kept" in ask.text
    assert RunStore(events.client).get("tiny", "run-1").status is RunStatus.QUEUED
    client.post("/e/tiny/organizer/runs/run-1/cancel", data={"csrf": csrf, "confirm": "yes"})
    assert RunStore(events.client).get("tiny", "run-1").status is RunStatus.CANCELLED


def test_attendee_import_without_the_box_ticked_imports_nothing(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    refused = client.post("/e/tiny/organizer/attendees/import", data={"csrf": csrf}, files={"attendees": CSV},
                          follow_redirects=False)
    assert refused.status_code == 400 and "Nothing was imported" in refused.text
    assert events.entities("tiny", Attendee).find("n1") is None
    done = client.post("/e/tiny/organizer/attendees/import", data={"csrf": csrf, "confirm": "yes"},
                       files={"attendees": CSV}, follow_redirects=False)
    assert done.status_code == 303 and events.entities("tiny", Attendee).get("n1").name == "Nina New"


def test_event_import_without_the_box_ticked_replaces_nothing(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    page = client.get("/e/tiny/organizer/setup")
    assert "its 4 attendees" in page.text and 'name="confirm" value="yes" required' in page.text
    refused = client.post("/e/tiny/organizer/setup/import", data={"csrf": csrf},
                          files={"instance": ("e.json", b'{"format": "forum-instance/1"}', "application/json")},
                          follow_redirects=False)
    assert refused.status_code == 400 and "Nothing was imported" in refused.text
    assert len(events.entities("tiny", Attendee).all()) == 4
