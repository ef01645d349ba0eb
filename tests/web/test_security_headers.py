"""Every HTTP response carries the security headers: pages, errors, sign-in, console, API, static files, health."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.requests import Request
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.testclient import TestClient

from forum.config import Settings
from forum.store import EventStore
from forum.web import create_app
from forum.web.security import CSP
from tests.web.organizer.conftest import SECRET, sign_in, with_organizer

PARAMS = {"event": "tiny", "run": "run-1", "meeting": "w1", "wish": "w1", "attendee": "a1", "key": "no-such-key",
          "token": "not-a-token", "stop": "not-a-token", "mail": "0" * 32,
          "offer": "no-such-offer"}
ROLES = {"anonymous": None, "attendee": "a1", "organizer": "o1"}
UNSERVED = "PUT"  # no route serves it: every path answers 405 (or 404 where nothing matches)


def _requests() -> list[tuple[str, str]]:
    """(method, path) for each method each route of the app serves, plus one it does not."""
    found: set[tuple[str, str]] = set()
    for route in create_app(Settings(redis_url="redis://unused")).routes:
        if isinstance(route, Route):
            path = route.path.format(**PARAMS)
            found |= {(m, path) for m in (route.methods or ()) if m != "HEAD"} | {(UNSERVED, path)}
        elif isinstance(route, Mount):  # the static files
            found |= {("GET", f"{route.path}/forum.css"), ("GET", f"{route.path}/nothing.css")}
        elif isinstance(route, WebSocketRoute):  # a plain HTTP request to a socket address
            found.add(("GET", route.path.format(**PARAMS)))
    return sorted(found | {("GET", "/no/such/page"), ("GET", "/api/nothing")})


REQUESTS = _requests()


@pytest.fixture
def web(redis_url: str, store: EventStore) -> Iterator[tuple[TestClient, EventStore]]:
    store.import_instance(with_organizer("tiny", "o1"))  # type: ignore[arg-type]
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as client:
        yield client, store


def assert_secured(response: httpx.Response) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == CSP and "frame-ancestors 'none'" in CSP
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    if not response.request.url.path.startswith("/static/"):
        assert "no-store" in headers["cache-control"]


def test_every_route_is_enumerated() -> None:
    paths = {path for _, path in REQUESTS}
    assert {"/", "/healthz", "/signin", "/e/tiny/agenda", "/e/tiny/organizer", "/api/events/tiny/runs",
            "/static/forum.css", "/ws/tiny"} <= paths and len(REQUESTS) > 90


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), REQUESTS)
def test_response_has_security_headers_for_every_route(web: tuple[TestClient, EventStore], role: str,
                                                       method: str, path: str) -> None:
    client, store = web
    who = ROLES[role]
    csrf = sign_in(client, store, "tiny", who) if who else ""
    response = client.request(method, path, data={"csrf": csrf} if method == "POST" else None,
                              headers={"x-csrf-token": csrf}, follow_redirects=False)
    no_worker = path == "/healthz" and "no worker is running" in response.text  # none runs in these tests
    assert response.status_code < 500 or no_worker, response.text
    assert_secured(response)


@pytest.mark.parametrize(("path", "status"), [("/no/such/page", 404), ("/api/nothing", 404),
                                              ("/e/tiny/organizer", 403), ("/static/nothing.css", 404)])
def test_error_responses_have_security_headers(web: tuple[TestClient, EventStore], path: str, status: int) -> None:
    client, store = web
    sign_in(client, store, "tiny", "a1")
    response = client.get(path)
    assert response.status_code == status
    assert_secured(response)


def test_method_not_allowed_has_security_headers(web: tuple[TestClient, EventStore]) -> None:
    client, _ = web
    response = client.delete("/healthz")
    assert response.status_code == 405 and "GET" in response.headers["allow"]
    assert_secured(response)


def test_static_file_is_not_marked_no_store(web: tuple[TestClient, EventStore]) -> None:
    client, _ = web
    response = client.get("/static/forum.css")
    assert response.status_code == 200 and "no-store" not in response.headers.get("cache-control", "")
    assert_secured(response)


def test_server_error_page_has_security_headers(redis_url: str) -> None:
    async def boom(request: Request) -> None:
        raise RuntimeError("a bug")

    app = create_app(Settings(redis_url=redis_url))
    app.router.routes.append(Route("/boom", boom))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500 and "a bug" not in response.text
    assert_secured(response)
