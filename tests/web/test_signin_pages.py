"""Sign-in: links are confirmed by a POST and work once, codes are rate-limited, forms carry CSRF."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from starlette.testclient import TestClient

from forum.config import Settings
from forum.services.signin.access import make_link_token
from forum.store import EventStore
from forum.store.sessions import SessionStore
from forum.web import create_app
from forum.web.auth import ANON_CSRF_COOKIE, SESSION_COOKIE
from tests.factories import tiny_instance

SECRET = "test-secret"


@pytest.fixture
def client(redis_url: str, store: EventStore) -> Iterator[TestClient]:
    store.import_instance(tiny_instance())
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as test_client:
        yield test_client


def _csrf(client: TestClient, path: str) -> str:
    assert client.get(path).status_code == 200
    return client.cookies[ANON_CSRF_COOKIE]


def test_signin_link_get_does_not_use_the_link(client: TestClient, store: EventStore) -> None:
    token = make_link_token(store.client, SECRET, "tiny", "a1")
    first = client.get(f"/signin/{token}")
    again = client.get(f"/signin/{token}")
    assert first.status_code == again.status_code == 200
    assert "Ada Buyer" in again.text and SESSION_COOKIE not in client.cookies


def test_signin_link_post_signs_in_once(client: TestClient, store: EventStore) -> None:
    token = make_link_token(store.client, SECRET, "tiny", "a2")
    csrf = _csrf(client, f"/signin/{token}")
    response = client.post(f"/signin/{token}", data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/e/tiny"
    record = SessionStore(store.client).get(client.cookies[SESSION_COOKIE])
    assert record is not None and record.attendee == "a2"
    client.cookies.delete(SESSION_COOKIE)
    reused = client.post(f"/signin/{token}", data={"csrf": csrf}, follow_redirects=False)
    assert reused.status_code == 403 and "already used" in reused.text


def test_signin_link_expired_refused(client: TestClient) -> None:
    class EightDaysAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 8 * 24 * 3600

    old = URLSafeTimedSerializer(SECRET, salt="forum-signin-link", signer=EightDaysAgo)
    token = old.dumps({"e": "tiny", "a": "a1", "n": "x"})
    response = client.get(f"/signin/{token}")
    assert response.status_code == 403 and "expired" in response.text


def test_signin_link_tampered_refused(client: TestClient, store: EventStore) -> None:
    token = make_link_token(store.client, SECRET, "tiny", "a1")
    assert client.get(f"/signin/{token[:-2]}xx").status_code == 403


def test_signin_link_without_csrf_refused(client: TestClient, store: EventStore) -> None:
    token = make_link_token(store.client, SECRET, "tiny", "a1")
    _csrf(client, f"/signin/{token}")
    response = client.post(f"/signin/{token}", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert SESSION_COOKIE not in client.cookies


def test_signin_code_good_and_wrong(client: TestClient, store: EventStore) -> None:
    code = SessionStore(store.client).access_code("tiny", "a1")
    csrf = _csrf(client, "/signin")
    wrong = client.post("/signin", data={"csrf": csrf, "event": "tiny", "code": "WRONG999"})
    assert wrong.status_code == 403 and "not valid" in wrong.text
    good = client.post("/signin", data={"csrf": csrf, "event": "tiny", "code": code.lower()},
                       follow_redirects=False)
    assert good.status_code == 303 and SESSION_COOKIE in client.cookies


def test_signin_code_attempts_rate_limited(client: TestClient, store: EventStore) -> None:
    code = SessionStore(store.client).access_code("tiny", "a1")
    csrf = _csrf(client, "/signin")
    statuses = [client.post("/signin", data={"csrf": csrf, "event": "tiny", "code": "NOPE"}).status_code
                for _ in range(10)]
    assert statuses == [403] * 10
    blocked = client.post("/signin", data={"csrf": csrf, "event": "tiny", "code": code})
    assert blocked.status_code == 429 and SESSION_COOKIE not in client.cookies


def test_signout_ends_the_session(client: TestClient, store: EventStore) -> None:
    cookie = SessionStore(store.client).create("tiny", "a1", "buyer")
    client.cookies.set(SESSION_COOKIE, cookie)
    viewer_csrf = SessionStore(store.client).get(cookie)
    assert viewer_csrf is not None
    response = client.post("/signout", data={"csrf": viewer_csrf.csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert SessionStore(store.client).get(cookie) is None


def test_home_without_session_redirects_to_signin(client: TestClient) -> None:
    response = client.get("/e/tiny", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/signin")


def test_home_of_other_event_forbidden(client: TestClient, store: EventStore) -> None:
    client.cookies.set(SESSION_COOKIE, SessionStore(store.client).create("other", "x", "buyer"))
    assert client.get("/e/tiny", follow_redirects=False).status_code == 403


def test_revoke_attendee_ends_all_sessions(store: EventStore) -> None:
    sessions = SessionStore(store.client)
    cookies = [sessions.create("tiny", "a1", "buyer") for _ in range(3)]
    assert sessions.revoke_attendee("tiny", "a1") == 3
    assert all(sessions.get(c) is None for c in cookies)
