"""What the attendee pages show: directory filters, profile, agenda with pitches, print, calendar download."""

from __future__ import annotations

import pytest

from forum.domain import (
    Attendee,
    Importance,
    Location,
    LocationKind,
    MeetingStatus,
    PitchPlacement,
    PitchSession,
    Project,
    Slot,
    SlotKind,
    Window,
)
from forum.services.attendees.requests import NewRequest, create_request
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import DAY1, EVENT, place


def _names(html: str) -> list[str]:
    return [part.split("</strong>")[0] for part in html.split('<li class="card person"><a')[1:]
            for part in [part.split("<strong>")[1]]]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["Bea Buyer", "Ben Distributor", "Olaf Other", "Pierre Colleague"]),  # not me, not organizers
    ("q=nordic", ["Bea Buyer"]),
    ("q=DRAMA+head", ["Bea Buyer"]),
    ("role=distributor", ["Ben Distributor"]),
    ("country=NO", ["Olaf Other"]),
    ("organization=lille", ["Pierre Colleague"]),
    ("looking_for=comedy", ["Ben Distributor"]),
    ("role=buyer&country=US", []),
])
def test_directory_filters(visitor: Visitor, query: str, expected: list[str]) -> None:
    page = visitor.sign_in("p1").client.get(f"/e/lille/people?{query}")
    assert page.status_code == 200 and _names(page.text) == expected


def test_directory_pages_keep_the_filters(visitor: Visitor) -> None:
    crowd = [Attendee(f"x{i:02}", f"Buyer {i:02}", "Big TV", "buyer", country="FR") for i in range(45)]
    visitor.store.entities(EVENT, Attendee).put(*crowd)
    first = visitor.sign_in("p1").client.get("/e/lille/people?q=big&country=FR").text
    assert len(_names(first)) == 30 and "1 / 2" in first and "?q=big&amp;country=FR&amp;page=2" in first
    second = visitor.client.get("/e/lille/people?q=big&country=FR&page=2").text
    assert len(_names(second)) == 15 and _names(second)[-1] == "Buyer 44"


def test_profile_of_organizer_or_other_event_not_found(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    assert visitor.client.get("/e/lille/people/o1").status_code == 404
    assert "Head of Drama" in visitor.client.get("/e/lille/people/b1").text
    assert 'id="request-form"' not in visitor.client.get("/e/lille/people/p3").text  # producers take no requests


def test_agenda_shows_next_meeting_and_pitches_by_day(visitor: Visitor) -> None:
    wish = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    place(visitor.store, wish.id, "d1-600", "T2", MeetingStatus.ACCEPTED)
    start = DAY1.replace(hour=14)
    visitor.store.entities(EVENT, Location).put(Location("R1", LocationKind.ROOM, "Pitch room"))
    visitor.store.entities(EVENT, Slot).put(Slot("pitch1", Window(start, start.replace(minute=15)), SlotKind.PITCH))
    visitor.store.entities(EVENT, PitchSession).put(PitchSession("ps1", "R1", ("b1",), ("pitch1",), "Drama"))
    visitor.store.entities(EVENT, Project).put(Project("pr1", "Les Mines", ("p1",)))
    visitor.store.entities(EVENT, PitchPlacement).put(PitchPlacement("pr1", "pitch1"))
    page = visitor.sign_in("p1").client.get("/e/lille/agenda").text
    days = page.split('id="days"')[1]
    assert days.index("Tuesday 19 March") < days.index("You pitch") < days.index("Wednesday 20 March")
    assert 'id="next"' in page and "Bea Buyer" in page.split('id="next"')[1].split("</section>")[0]
    panel = visitor.sign_in("b1").client.get("/e/lille/agenda/print").text
    assert "Pitch session" in panel and "Les Mines" in panel and "Paula Producer (Lille Films)" in panel


def test_calendar_download_is_ics(visitor: Visitor) -> None:
    wish = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    place(visitor.store, wish.id)
    response = visitor.sign_in("b1").client.get("/e/lille/agenda.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    assert f"UID:{wish.id}@lille.forum" in response.text and "no-store" in response.headers["cache-control"]


@pytest.mark.parametrize("path", ["/e/lille/agenda", "/e/lille/people", "/e/lille/people/b1", "/e/lille/requests",
                                  "/e/lille/agenda/print"])
def test_pages_cannot_be_framed_or_cached(visitor: Visitor, path: str) -> None:
    headers = visitor.sign_in("p1").client.get(path).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
    assert "no-store" in headers["cache-control"]


def test_many_requests_paged_most_wanted_first(visitor: Visitor) -> None:
    crowd = [Attendee(f"x{i:02}", f"Producer {i:02}", "Prod", "producer") for i in range(55)]
    visitor.store.entities(EVENT, Attendee).put(*crowd)
    for i, person in enumerate(crowd):
        create_request(visitor.store.client, EVENT, person.id, NewRequest("b1", Importance.MUST if i == 54
                                                                                  else Importance.IF_POSSIBLE))
    agenda = visitor.sign_in("b1").client.get("/e/lille/agenda").text
    incoming = agenda.split('id="incoming"')[1].split("</section>")[0]
    assert incoming.count('class="card request"') == 50 and "1 / 2" in incoming  # the buyer home: pages of 50
    assert incoming.index("Producer 54") < incoming.index("Olaf Other") < incoming.index("Producer 00")
    first = visitor.client.get("/e/lille/requests").text
    assert first.count('class="card request"') == 50 and "1 / 2" in first
    second = visitor.client.get("/e/lille/requests?page=2").text
    assert second.count('class="card request"') == 6
    assert visitor.client.get("/e/lille/requests?page=x").status_code == 400


def test_calendar_address_uses_public_origin(redis_url: str, visitor: Visitor) -> None:
    from starlette.testclient import TestClient

    from forum.config import Settings
    from forum.web import create_app
    from forum.web.auth import SESSION_COOKIE
    from tests.web.attendee.market import session

    settings = Settings(redis_url=redis_url, secret_key="test-secret", public_origin="https://forum.example.org/")
    with TestClient(create_app(settings)) as client:
        client.cookies.set(SESSION_COOKIE, session(visitor.store, "b1")[0])
        page = client.get("/e/lille/agenda").text
    assert 'href="webcal://forum.example.org/e/lille/calendar/' in page
    assert 'value="https://forum.example.org/e/lille/calendar/' in page
