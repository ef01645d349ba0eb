"""Code sign-in limits: input checked before any write, failures (not successes) counted per network and event."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.domain import Attendee
from forum.services.signin import limits
from forum.store import EventStore
from forum.store.access_codes import AccessCodes
from forum.store.attempts import FailedAttempts
from forum.web import create_app
from forum.web.auth import ANON_CSRF_COOKIE
from tests.factories import tiny_instance

SECRET = "test-secret"
VENUE = "203.0.113.7"  # one address for a whole venue behind NAT
WRONG = "WRNGWRNG99"  # well formed, held by nobody
CROWD = 15


@pytest.fixture
def crowd(store: EventStore) -> dict[str, str]:
    """The tiny event with CROWD more attendees, and everyone's access code."""
    inst = tiny_instance()
    extra = tuple(Attendee(f"v{i}", f"Visitor {i}", role="buyer") for i in range(CROWD))
    store.import_instance(replace(inst, attendees=(*inst.attendees, *extra)))
    return AccessCodes(store.client, SECRET).issue("tiny", [a.id for a in (*inst.attendees, *extra)])


def _client(redis_url: str, peer: str, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET, **settings)),  # type: ignore[arg-type]
                      client=(peer, 50000))


@pytest.fixture
def venue(redis_url: str, crowd: dict[str, str]) -> Iterator[TestClient]:
    with _client(redis_url, VENUE) as client:
        yield client


def _post(client: TestClient, event: str, code: str, forwarded: str | None = None) -> int:
    """One code sign-in in a fresh browser (no session cookie); returns the status."""
    client.cookies.clear()
    assert client.get("/signin").status_code == 200
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    response = client.post("/signin", data={"csrf": client.cookies[ANON_CSRF_COOKIE], "event": event, "code": code},
                           headers=headers, follow_redirects=False)
    return response.status_code


def _all_keys(store: EventStore) -> dict[str, int]:
    return {str(k): int(store.client.memory_usage(k) or 0) for k in store.client.scan_iter(count=1000)}


@pytest.mark.parametrize(("event", "status"), [("nowhere", 404), ("x" * 1500, 404), ("bad id!", 404), ("", 400)])
def test_signin_unknown_event_writes_nothing(venue: TestClient, store: EventStore, event: str, status: int) -> None:
    venue.get("/signin")
    before = _all_keys(store)
    assert _post(venue, event, WRONG) == status
    assert _all_keys(store) == before


def test_signin_megabyte_event_field_writes_nothing(venue: TestClient, store: EventStore) -> None:
    venue.get("/signin")
    before = _all_keys(store)
    response = venue.post("/signin", data={"csrf": venue.cookies[ANON_CSRF_COOKIE], "event": "x" * 1_000_000,
                                           "code": WRONG})
    assert response.status_code == 413
    assert _all_keys(store) == before


@pytest.mark.parametrize("code", ["", "ABC", "A" * 40, "ABCDEFGH0O", "<b>ABCDEFGH</b>"])
def test_signin_malformed_code_writes_nothing(venue: TestClient, store: EventStore, code: str) -> None:
    venue.get("/signin")
    before = _all_keys(store)
    assert _post(venue, "tiny", code) == 400
    assert _all_keys(store) == before


def test_signin_many_attendees_behind_one_address_all_sign_in(venue: TestClient, crowd: dict[str, str]) -> None:
    statuses = []
    for code in crowd.values():
        statuses.append(_post(venue, "tiny", code[:-1] + ("2" if code[-1] != "2" else "3")))  # a typo first
        statuses.append(_post(venue, "tiny", code))
    assert len(crowd) > 11
    assert statuses == [403, 303] * len(crowd)


def test_signin_guesser_stopped_but_not_other_networks(redis_url: str, venue: TestClient,
                                                       crowd: dict[str, str]) -> None:
    assert [_post(venue, "tiny", WRONG) for _ in range(limits.NETWORK_FAILURES)] == [403] * limits.NETWORK_FAILURES
    assert _post(venue, "tiny", crowd["a1"]) == 429  # even a right code: guesses are no longer checked
    with _client(redis_url, "198.51.100.20") as elsewhere:
        assert _post(elsewhere, "tiny", crowd["a1"]) == 303


def test_signin_event_budget_stops_guessers_with_many_networks(redis_url: str, venue: TestClient, store: EventStore,
                                                               crowd: dict[str, str]) -> None:
    event_budget = [b for b in limits.budgets(VENUE) if b.scope == limits.EVENT_SCOPE]
    for _ in range(limits.EVENT_FAILURES - 1):  # as if many networks had each guessed a little
        FailedAttempts(store.client, "tiny").record(event_budget)
    assert _post(venue, "tiny", WRONG) == 403
    with _client(redis_url, "198.51.100.21") as elsewhere:
        elsewhere.get("/signin")
        response = elsewhere.post("/signin", data={"csrf": elsewhere.cookies[ANON_CSRF_COOKIE], "event": "tiny",
                                                   "code": crowd["a1"]})
        assert response.status_code == 429 and "personal link" in response.text


def test_signin_spoofed_forwarded_for_from_untrusted_peer_gets_no_fresh_budget(venue: TestClient,
                                                                               crowd: dict[str, str]) -> None:
    spoofed = [_post(venue, "tiny", WRONG, forwarded=f"192.0.2.{i}") for i in range(limits.NETWORK_FAILURES)]
    assert spoofed == [403] * limits.NETWORK_FAILURES
    assert _post(venue, "tiny", crowd["a1"], forwarded="192.0.2.250") == 429


def test_signin_trusted_proxy_forwarded_for_honoured(redis_url: str, crowd: dict[str, str]) -> None:
    proxies = (ipaddress.ip_network("10.0.0.0/8"),)
    with _client(redis_url, "10.0.0.2", trusted_proxies=proxies) as proxy:
        guesses = [_post(proxy, "tiny", WRONG, forwarded="203.0.113.5") for _ in range(limits.NETWORK_FAILURES)]
        assert guesses == [403] * limits.NETWORK_FAILURES
        # The left part of the header is whatever the client wrote; the proxy appended the address it saw.
        assert _post(proxy, "tiny", crowd["a1"], forwarded="198.51.100.99, 203.0.113.5") == 429
        assert _post(proxy, "tiny", crowd["a1"], forwarded="203.0.113.6") == 303
        assert _post(proxy, "tiny", crowd["a2"], forwarded="203.0.113.6, 10.0.0.9") == 303

