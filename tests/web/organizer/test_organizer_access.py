"""Every organizer route refuses anonymous visitors, attendees, and organizers of another event."""

from __future__ import annotations

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from forum.store import EventStore
from forum.web import organizer as organizer_pages
from tests.web.organizer.conftest import sign_in

ROUTES = sorted({(method, r.path.replace("{event}", "tiny").replace("{run}", "run-1")
                  .replace("{meeting}", "w1"))
                 for r in organizer_pages.routes if isinstance(r, Route)
                 for method in (r.methods or ()) if method != "HEAD"})


def _call(client: TestClient, method: str, path: str, csrf: str = "") -> int:
    data = {"csrf": csrf} if csrf else {}
    return client.request(method, path, data=data if method == "POST" else None, follow_redirects=False).status_code


def test_organizer_routes_are_many() -> None:
    assert len(ROUTES) >= 25


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_organizer_route_anonymous_is_sent_to_sign_in(web: TestClient, method: str, path: str) -> None:
    response = web.request(method, path, follow_redirects=False)
    if method == "GET":
        assert response.status_code == 303 and response.headers["location"].startswith("/signin")
    else:
        assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_organizer_route_attendee_is_refused(web: TestClient, events: EventStore, method: str, path: str) -> None:
    csrf = sign_in(web, events, "tiny", "a1")
    assert _call(web, method, path, csrf) == 403


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_organizer_route_other_event_organizer_is_refused(web: TestClient, events: EventStore, method: str,
                                                          path: str) -> None:
    csrf = sign_in(web, events, "other", "o2")
    assert _call(web, method, path, csrf) == 403


@pytest.mark.parametrize(("method", "path"), [r for r in ROUTES if r[0] == "POST"])
def test_organizer_post_without_csrf_is_refused(organizer: tuple[TestClient, str], method: str, path: str) -> None:
    client, _ = organizer
    response = client.post(path, data={"csrf": "forged"}, follow_redirects=False)
    assert response.status_code == 403 and "expired" in response.text
