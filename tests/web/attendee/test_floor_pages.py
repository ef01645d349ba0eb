"""The floor's pages: check-in on the agenda during a meeting, standby offers taken by one tap, the
organizers' attendance panel; in English and French."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.store import EventStore
from forum.store.attendance import AttendanceStore
from forum.web import create_app
from forum.web.auth import SESSION_COOKIE
from forum.web.locales.fr_floor import FR_FLOOR
from tests.services.floor.market import EVENT, load, local_now
from tests.web.attendee.market import session

ROOT = Path(__file__).parents[3]
TEMPLATES = ROOT / "forum/web/templates"


def _start(minutes_from_now: int) -> datetime:
    """s1's start, so that s2 starts `minutes_from_now` from now in the event's time zone (today)."""
    now = local_now().replace(second=0, microsecond=0)
    s2 = max(now + timedelta(minutes=minutes_from_now), now.replace(hour=0, minute=0))
    return s2 - timedelta(minutes=30)


@pytest.fixture
def web(redis_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key="test-secret"))) as client:
        yield client


def _as(web: TestClient, store: EventStore, who: str) -> str:
    cookie, csrf = session(store, who, EVENT)
    web.cookies.set(SESSION_COOKIE, cookie)
    return csrf


def test_agenda_offers_check_in_on_the_meeting_under_way_only(web: TestClient, store: EventStore) -> None:
    load(store, _start(-5))
    _as(web, store, "b1")
    page = web.get(f"/e/{EVENT}/agenda").text
    assert f'action="/e/{EVENT}/meetings/w-meet/checkin"' in page and "We&#39;re here" in page
    store.client.flushall()
    load(store, _start(60))  # an hour away: not yet
    _as(web, store, "b1")
    assert "/checkin" not in web.get(f"/e/{EVENT}/agenda").text


def test_agenda_shows_check_in_once_naming_the_other_side(web: TestClient, store: EventStore) -> None:
    load(store, _start(-5))  # under way: the meeting is both "Next meeting" and in the day's list
    _as(web, store, "b1")
    page = web.get(f"/e/{EVENT}/agenda").text
    assert page.count(f'action="/e/{EVENT}/meetings/w-meet/checkin"') == 1
    assert 'aria-label="No-show: Paula Producer (Lille Films) did not come"' in page


def test_check_in_form_records_it_and_goes_back_to_the_agenda(web: TestClient, store: EventStore) -> None:
    load(store, _start(5))
    csrf = _as(web, store, "b1")
    answer = web.post(f"/e/{EVENT}/meetings/w-meet/checkin", data={"csrf": csrf, "state": "here"},
                      follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/e/{EVENT}/agenda"
    assert AttendanceStore(store.client, EVENT).get("w-meet").here == ("b1",)
    assert "You checked in." in web.get(f"/e/{EVENT}/agenda").text


def test_check_in_outside_the_slot_is_refused_with_a_french_sentence(web: TestClient, store: EventStore) -> None:
    load(store, _start(60))
    csrf = _as(web, store, "b1")
    answer = web.post(f"/e/{EVENT}/meetings/w-meet/checkin?lang=fr", data={"csrf": csrf, "state": "no-show"},
                      headers={"accept-language": "fr"}, follow_redirects=False)
    assert answer.status_code == 409
    assert "On signale sa présence de 10 minutes avant le rendez-vous jusqu&#39;à sa fin." in answer.text
    assert AttendanceStore(store.client, EVENT).get_many(["w-meet"]) == {}


def test_offer_appears_on_the_agenda_and_only_the_first_tap_takes_it(web: TestClient, store: EventStore) -> None:
    load(store, _start(-5))
    csrf = _as(web, store, "b1")
    assert web.post(f"/e/{EVENT}/meetings/w-meet/checkin", data={"csrf": csrf, "state": "no-show"},
                    follow_redirects=False).status_code == 303
    _as(web, store, "p3")
    late = web.get(f"/e/{EVENT}/agenda").text
    csrf = _as(web, store, "p2")
    page = web.get(f"/e/{EVENT}/agenda").text
    assert "Anna Berg" in page and "Nordic Films" in page and "Table 12 — take it?" in page
    found = re.search(r'action="(/e/floor/offers/[0-9a-f]{20}/take)"', page)
    assert found and found[1] in late
    taken = web.post(found[1], data={"csrf": csrf}, follow_redirects=False)
    assert taken.status_code == 303 and taken.headers["location"] == f"/e/{EVENT}/agenda?done=accepted"
    csrf = _as(web, store, "p3")
    refused = web.post(found[1], data={"csrf": csrf}, follow_redirects=False)
    assert refused.status_code == 409 and "Someone else took this slot." in refused.text


def test_organizer_sees_attendance_today_and_the_dashboard_includes_it(web: TestClient, store: EventStore) -> None:
    load(store, _start(-5))
    csrf = _as(web, store, "b1")
    web.post(f"/e/{EVENT}/meetings/w-meet/checkin", data={"csrf": csrf, "state": "no-show"})
    _as(web, store, "o1")
    page = web.get(f"/e/{EVENT}/organizer/attendance")
    assert page.status_code == 200
    assert '<b data-count="no-show">1</b>' in page.text and '<b data-count="waiting">1</b>' in page.text
    assert "Paula Producer" in page.text and "Anna Berg" in page.text
    dashboard = web.get(f"/e/{EVENT}/organizer").text
    assert 'id="attendance"' in dashboard and f'data-attendance="/e/{EVENT}/organizer/attendance"' in dashboard
    assert "/static/floor.js" in dashboard
    _as(web, store, "b1")
    assert web.get(f"/e/{EVENT}/organizer/attendance", follow_redirects=False).status_code == 403


def test_every_floor_template_text_has_its_french() -> None:
    texts: set[str] = set()
    for name in ("attendee/_checkin.html", "attendee/_offers.html", "organizer/_attendance.html",
                 "organizer/attendance.html"):
        texts |= set(re.findall(r'_\("([^"]+)"\)', (TEMPLATES / name).read_text()))
    assert texts and not texts - set(FR_FLOOR), sorted(texts - set(FR_FLOOR))


def test_every_floor_refusal_has_its_french() -> None:
    """The sentences the floor answers 4xx with (error page and the phone's notice translate them)."""
    sources = [*(ROOT / "forum/services/floor").glob("*.py"), ROOT / "forum/store/attendance.py",
               ROOT / "forum/store/offers.py"]
    said = {m for f in sources for m in re.findall(r'(?:Conflict|NotFound|InvalidInput|TAKEN =)\(?"([^"]+)"',
                                                    f.read_text())}
    said |= {"Check-in is open from 10 minutes before the meeting until its end."}  # built from OPENS_BEFORE
    assert len(said) > 10 and not said - set(FR_FLOOR) - {"There is no such meeting."}, sorted(said - set(FR_FLOOR))
