"""Run forms end to end without a worker: start (queued), cancel, publish a draft; the left-out page."""

from __future__ import annotations

from starlette.testclient import TestClient

from forum.domain import Meeting, Placement, RunStatus, Schedule, SolverRun, Unscheduled, Wish
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore, Switch

Org = tuple[TestClient, str]


def test_start_run_form_queues_and_cancel_form_cancels(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    started = client.post("/e/tiny/organizer/runs", data={"csrf": csrf, "time_limit": "5", "gaps": "0"},
                          follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/e/tiny/organizer/runs/run-1"
    run = RunStore(events.client).get("tiny", "run-1")
    assert (run.status, run.time_limit, run.weights) == (RunStatus.QUEUED, 5.0, {"gaps": 0})
    again = client.post("/e/tiny/organizer/runs", data={"csrf": csrf, "time_limit": "5"})
    assert again.status_code == 409 and "still active" in again.text
    cancelled = client.post("/e/tiny/organizer/runs/run-1/cancel", data={"csrf": csrf, "confirm": "yes"})
    assert "cancelled" in cancelled.text and RunStore(events.client).get("tiny", "run-1").status is RunStatus.CANCELLED


def test_publish_form_switches_the_schedule(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    RunStore(events.client).records("tiny").put(SolverRun("run-7", "tiny", RunStatus.FINISHED))
    ScheduleStore(events.client).save_draft("tiny", "run-7", Schedule((Placement("w1", "s3", "T2"),
                                                                       Placement("w2", "s1", "T2"))))
    page = client.post("/e/tiny/organizer/runs/run-7/publish", data={"csrf": csrf, "confirm": "yes"})
    assert "Published run-7" in page.text
    assert events.entities("tiny", Meeting).get("w1").slot == "s3"
    assert ScheduleStore(events.client).published_run("tiny") == "run-7"


def test_left_out_page_shows_reason_and_fix(organizer: Org, events: EventStore) -> None:
    client, _ = organizer
    events.entities("tiny", Wish).put(Wish("w5", "a2", "a1", 10))
    RunStore(events.client).records("tiny").put(SolverRun("run-3", "tiny", RunStatus.FINISHED))
    schedules = ScheduleStore(events.client)
    schedules.save_draft("tiny", "run-3", Schedule((), unscheduled=(Unscheduled("w5", "a1 has no free slot"),)))
    schedules.publish("tiny", "run-3", lambda meetings: Switch(put=meetings))
    page = client.get("/e/tiny/organizer/left-out")
    assert page.status_code == 200 and "Ada Buyer has no free slot" in page.text  # names, not ids
    assert "a free table at 10:00 on 24 March suits everyone" in page.text
    row = page.text[page.text.index('data-wish="w5"'):].split("</tr>")[0]
    assert '<span title="a2">Paul Producer</span> <span class="muted">(Films)</span>' in row
    assert '<span title="a1">Ada Buyer</span> <span class="muted">(HBO)</span>' in row and "(a1)" not in row


def test_left_out_place_takes_the_nearest_fix(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    events.entities("tiny", Wish).put(Wish("w5", "a2", "a1", 10))
    page = client.get("/e/tiny/organizer/left-out")
    assert "Place it there" in page.text
    done = client.post("/e/tiny/organizer/left-out/place", data={"csrf": csrf, "wish": "w5", "slot": "s2",
                                                                  "location": "T1"})
    assert done.status_code == 200 and "Request w5 placed at s2, T1" in done.text
    placed = events.entities("tiny", Meeting).get("w5")
    assert (placed.slot, placed.location, placed.locked) == ("s2", "T1", True)


def test_left_out_place_into_a_clash_is_refused_with_the_reason(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    events.entities("tiny", Wish).put(Wish("w5", "a2", "a1", 10))
    refused = client.post("/e/tiny/organizer/left-out/place", data={"csrf": csrf, "wish": "w5", "slot": "s0",
                                                                     "location": "T1"})
    assert refused.status_code == 409 and "This placement is refused" in refused.text
    assert events.entities("tiny", Meeting).find("w5") is None
