"""Organizers and attendees' access: roles follow the record, sessions can be ended, codes reissued, links built
from the settings (never the Host header), and the console has a sign-out."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

from starlette.testclient import TestClient

from forum.config import Settings
from forum.domain import Attendee
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.sessions import SessionStore
from forum.web import create_app
from forum.web.auth import ANON_CSRF_COOKIE, SESSION_COOKIE
from tests.web.organizer.conftest import SECRET, sign_in

Org = tuple[TestClient, str]
ATTENDEES = "/e/tiny/organizer/attendees"


def _set_role(store: EventStore, who: str, role: str) -> None:
    people = store.entities("tiny", Attendee)
    people.put(replace(people.get(who), role=role))


def _code_on(page: str) -> str:
    found = re.search(r'<b class="code">([A-Z0-9]+)</b>', page)
    assert found is not None, page
    return found.group(1)


def _sign_in_with_code(redis_url: str, code: str) -> int:
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as browser:
        browser.get("/signin")
        return browser.post("/signin", data={"csrf": browser.cookies[ANON_CSRF_COOKIE], "event": "tiny", "code": code},
                            follow_redirects=False).status_code


def test_demoted_organizer_loses_console_at_next_request(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    assert client.get("/e/tiny/organizer").status_code == 200
    _set_role(events, "o1", "buyer")
    assert client.get("/e/tiny/organizer").status_code == 403
    assert client.post(f"{ATTENDEES}/links.csv", data={"csrf": csrf}).status_code == 403
    assert client.get("/e/tiny", follow_redirects=False).headers["location"] == "/e/tiny/agenda"


def test_promoted_attendee_gets_console_at_next_request(web: TestClient, events: EventStore) -> None:
    sign_in(web, events, "tiny", "a1")
    assert web.get("/e/tiny/organizer").status_code == 403
    _set_role(events, "a1", "organizer")
    assert web.get("/e/tiny/organizer").status_code == 200


def test_removed_attendee_is_signed_out(web: TestClient, events: EventStore) -> None:
    sign_in(web, events, "tiny", "a1")
    events.entities("tiny", Attendee).delete("a1")
    response = web.get("/e/tiny/agenda", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/signin")


def test_organizer_ends_attendee_sessions_audited(organizer: Org, events: EventStore, redis_url: str) -> None:
    client, csrf = organizer
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as phone:
        sign_in(phone, events, "tiny", "a1")
        assert phone.get("/e/tiny/agenda").status_code == 200
        ended = client.post(f"{ATTENDEES}/sessions/end", data={"csrf": csrf, "attendee": "a1"},
                            follow_redirects=False)
        assert ended.status_code == 303 and "signed%20out%20everywhere" in ended.headers["location"]
        assert phone.get("/e/tiny/agenda", follow_redirects=False).headers["location"].startswith("/signin")
    entry = next(e for e in AuditLog(events.client).latest("tiny") if e["action"] == "end sessions")
    assert (entry["who"], entry["attendee"]) == ("o1", "a1")
    assert "1 session ended" in entry["detail"]


def test_organizer_end_sessions_unknown_attendee_refused(organizer: Org) -> None:
    client, csrf = organizer
    response = client.post(f"{ATTENDEES}/sessions/end", data={"csrf": csrf, "attendee": "ghost"})
    assert response.status_code == 404 and "ghost" in response.text


def test_organizer_new_code_shown_once_old_stops_audited(organizer: Org, events: EventStore, redis_url: str) -> None:
    client, csrf = organizer
    first = _code_on(client.post(f"{ATTENDEES}/code", data={"csrf": csrf, "attendee": "a2"}).text)
    second_page = client.post(f"{ATTENDEES}/code", data={"csrf": csrf, "attendee": "a2"}).text
    second = _code_on(second_page)
    assert first != second and "previous code no longer works" in second_page
    assert second not in client.get(ATTENDEES).text  # shown once: only a hash is kept
    assert _sign_in_with_code(redis_url, first) == 403
    assert _sign_in_with_code(redis_url, second) == 303
    entry = next(e for e in AuditLog(events.client).latest("tiny") if e["action"] == "new access code")
    assert (entry["who"], entry["attendee"]) == ("o1", "a2")


def test_links_csv_has_links_only_unless_new_codes_asked(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    rows = list(csv.DictReader(io.StringIO(client.post(f"{ATTENDEES}/links.csv", data={"csrf": csrf}).text)))
    assert len(rows) == 4 and "access_code" not in rows[0]
    assert all(r["link"].startswith("http://127.0.0.1:8000/signin/") for r in rows)
    assert all(e["action"] != "new access codes" for e in AuditLog(events.client).latest("tiny"))


def test_links_csv_with_new_codes_issues_working_codes_audited(organizer: Org, events: EventStore,
                                                               redis_url: str) -> None:
    client, csrf = organizer
    old = _code_on(client.post(f"{ATTENDEES}/code", data={"csrf": csrf, "attendee": "a1"}).text)
    body = client.post(f"{ATTENDEES}/links.csv", data={"csrf": csrf, "codes": "new"}).text
    codes = {r["id"]: r["access_code"] for r in csv.DictReader(io.StringIO(body))}
    assert set(codes) == {"a1", "a2", "a3", "o1"} and len(set(codes.values())) == 4
    assert _sign_in_with_code(redis_url, old) == 403
    assert _sign_in_with_code(redis_url, codes["a3"]) == 303
    entry = next(e for e in AuditLog(events.client).latest("tiny") if e["action"] == "new access codes")
    assert entry["who"] == "o1" and "all 4 attendees" in entry["detail"]


def test_sign_in_link_ignores_forged_host_header(organizer: Org) -> None:
    client, csrf = organizer
    page = client.post(f"{ATTENDEES}/link", data={"csrf": csrf, "attendee": "a2"},
                       headers={"Host": "evil.example"}).text
    link = re.search(r'<input class="copy" readonly size="60" value="([^"]+)"', page)
    assert link is not None and link.group(1).startswith("http://127.0.0.1:8000/signin/")
    rows = client.post(f"{ATTENDEES}/links.csv", data={"csrf": csrf}, headers={"Host": "evil.example"}).text
    assert "evil.example" not in rows


def test_sign_in_link_uses_public_origin(redis_url: str, events: EventStore) -> None:
    settings = Settings(redis_url=redis_url, secret_key=SECRET, public_origin="https://forum.example.org")
    with TestClient(create_app(settings)) as client:
        csrf = sign_in(client, events, "tiny", "o1")
        page = client.post(f"{ATTENDEES}/link", data={"csrf": csrf, "attendee": "a2"},
                           headers={"Host": "evil.example"}).text
        assert 'value="https://forum.example.org/signin/' in page


def test_sign_in_link_refused_on_public_host_without_public_origin(redis_url: str, events: EventStore) -> None:
    settings = Settings(redis_url=redis_url, secret_key=SECRET, host="0.0.0.0")
    with TestClient(create_app(settings)) as client:
        csrf = sign_in(client, events, "tiny", "o1")
        page = client.post(f"{ATTENDEES}/link", data={"csrf": csrf, "attendee": "a2"})
        assert page.status_code == 409 and "FORUM_PUBLIC_ORIGIN" in page.text and "/signin/" not in page.text
        assert client.post(f"{ATTENDEES}/links.csv", data={"csrf": csrf}).status_code == 409


def test_console_sign_out_ends_the_session(organizer: Org, events: EventStore) -> None:
    client, csrf = organizer
    cookie = client.cookies[SESSION_COOKIE]
    assert 'action="/signout"' in client.get("/e/tiny/organizer").text
    assert client.post("/signout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert SessionStore(events.client).get(cookie) is None
