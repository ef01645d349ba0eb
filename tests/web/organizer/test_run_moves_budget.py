"""The moves budget of a run: set in the start form and the runs API, kept on the run, refused when malformed."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from forum.store import EventStore
from forum.store.runs import RunStore
from tests.web.organizer.conftest import sign_in

Org = tuple[TestClient, str]
RUNS = "/api/events/tiny/runs"


def test_start_form_keeps_the_moves_budget_on_the_run(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    assert 'name="max_moved" value="2%"' in client.get("/e/tiny/organizer/runs").text
    started = client.post("/e/tiny/organizer/runs", data={"csrf": csrf, "time_limit": "5", "max_moved": "12"},
                          follow_redirects=False)
    assert started.status_code == 303 and RunStore(events.client).get("tiny", "run-1").max_moved == "12"
    assert "moves budget 12" in client.get("/e/tiny/organizer/runs/run-1").text


def test_start_form_without_a_budget_gets_the_default_share(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    client.post("/e/tiny/organizer/runs", data={"csrf": csrf, "time_limit": "5", "max_moved": ""})
    assert RunStore(events.client).get("tiny", "run-1").max_moved == "2%"


def test_start_form_refuses_a_malformed_budget_with_a_sentence(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    refused = client.post("/e/tiny/organizer/runs", data={"csrf": csrf, "time_limit": "5", "max_moved": "lots"})
    assert refused.status_code == 400
    assert "max_moved must be a whole number of moves (12) or a share" in refused.text
    assert RunStore(events.client).all("tiny") == []


def test_api_keeps_a_share_budget(web: TestClient, events: EventStore) -> None:
    csrf = {"X-CSRF-Token": sign_in(web, events, "tiny", "o1")}
    started = web.post(RUNS, json={"time_limit": 5, "max_moved": "3.5 %"}, headers=csrf)
    assert started.status_code == 202 and started.json()["run"]["max_moved"] == "3.5%"


@pytest.mark.parametrize("budget", [-1, True, "150%", "some", 2.5, [3]])
def test_api_refuses_a_malformed_budget_with_a_sentence(web: TestClient, events: EventStore, budget: object) -> None:
    csrf = {"X-CSRF-Token": sign_in(web, events, "tiny", "o1")}
    refused = web.post(RUNS, json={"time_limit": 5, "max_moved": budget}, headers=csrf)
    assert refused.status_code == 400 and refused.json()["error"].startswith("max_moved must be a whole number")
    assert RunStore(events.client).all("tiny") == []
