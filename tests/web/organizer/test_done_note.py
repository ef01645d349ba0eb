"""The `?done=` banner shows only notes the app wrote: a forged, tampered or replayed note shows nothing."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from starlette.testclient import TestClient

from forum.store import EventStore
from tests.web.organizer.conftest import sign_in

Org = tuple[TestClient, str]
FORGED = "Your session expired: sign in again at https://evil.example/forum"


def banner(html: str) -> str:
    """The text of the console's `done` banner ('' when there is none)."""
    start = html.find('<p class="banner done" role="status">')
    return "" if start < 0 else html[start:].split(">", 1)[1].split("<", 1)[0]


def lock_w1(client: TestClient, csrf: str) -> str:
    """Lock meeting w1 through the console form; returns the redirect's location (with its signed note)."""
    response = client.post("/e/tiny/organizer/meetings/w1/state", data={"csrf": csrf, "action": "lock"},
                           follow_redirects=False)
    assert response.status_code == 303
    return str(response.headers["location"])


def test_done_note_from_the_app_is_shown(organizer: Org) -> None:
    client, csrf = organizer
    location = lock_w1(client, csrf)
    assert location.startswith("/e/tiny/organizer/meetings?done=")
    assert banner(client.get(location).text) == "Meeting w1: lock done."


@pytest.mark.parametrize("page", ["/e/tiny/organizer", "/e/tiny/organizer/meetings", "/e/tiny/organizer/runs"])
def test_done_note_forged_shows_nothing(organizer: Org, page: str) -> None:
    client, _ = organizer
    response = client.get(f"{page}?done={quote(FORGED)}")
    assert response.status_code == 200
    assert banner(response.text) == "" and "evil.example" not in response.text


def test_done_note_tampered_shows_nothing(organizer: Org) -> None:
    client, csrf = organizer
    location = lock_w1(client, csrf)
    signed = unquote(location.split("?done=", 1)[1])
    tampered = signed.replace("Meeting w1: lock done.", "Meeting w1: lock failed, call +33 1 23 45 67 89.")
    assert tampered != signed
    assert banner(client.get(f"/e/tiny/organizer/meetings?done={quote(tampered)}").text) == ""


def test_done_note_signed_for_another_event_shows_nothing(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    signed = lock_w1(client, csrf).split("?done=", 1)[1]
    sign_in(client, events, "other", "o2")
    response = client.get(f"/e/other/organizer/meetings?done={signed}")
    assert response.status_code == 200 and banner(response.text) == ""


def test_done_note_forged_on_attendee_page_shows_nothing(web: TestClient, events: EventStore) -> None:
    sign_in(web, events, "tiny", "a1")
    response = web.get(f"/e/tiny/agenda?done={quote(FORGED)}")
    assert response.status_code == 200 and "evil.example" not in response.text
    assert 'class="notice"' not in response.text
    assert 'class="notice"' in web.get("/e/tiny/agenda?done=accepted").text  # the app's own codes still show
