"""Error pages speak the reader's language and lead somewhere useful: no dead ends."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.web import create_app
from forum.web.auth import ANON_CSRF_COOKIE, SESSION_COOKIE
from tests.factories import tiny_instance
from tests.web.organizer.conftest import with_organizer

SECRET = "test-secret"


@pytest.fixture
def client(redis_url: str, store: EventStore) -> Iterator[TestClient]:
    store.import_instance(with_organizer("tiny", "o1"))  # type: ignore[arg-type]
    store.import_instance(tiny_instance("other"))
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as test_client:
        yield test_client


def _links(html: str) -> list[str]:
    return re.findall(r'<li><a (?:class="button" )?href="([^"]+)"', html)


def test_wrong_code_shows_the_form_again_in_french_with_the_event_chosen(client: TestClient) -> None:
    client.get("/signin?lang=fr&event=tiny")
    csrf = client.cookies[ANON_CSRF_COOKIE]
    refused = client.post("/signin", data={"csrf": csrf, "event": "tiny", "code": "ABCDEFGH23"})
    assert refused.status_code == 403
    assert "Ce code d'accès n'est pas valide pour cet événement." in unescape(refused.text)
    assert '<option value="tiny" selected>' in refused.text and 'name="code"' in refused.text
    assert SESSION_COOKIE not in client.cookies


def test_malformed_code_in_english_names_what_a_code_looks_like(client: TestClient) -> None:
    client.get("/signin?lang=en")
    refused = client.post("/signin", data={"csrf": client.cookies[ANON_CSRF_COOKIE], "event": "other",
                                           "code": "0"})
    assert refused.status_code == 400 and "An access code has 10 characters" in refused.text
    assert '<option value="other" selected>' in refused.text


def test_unknown_page_of_an_event_leads_to_that_events_sign_in_and_the_event_list(client: TestClient) -> None:
    page = client.get("/e/tiny/nowhere", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert page.status_code == 404 and "Il n'y a pas de page à cette adresse." in unescape(page.text)
    assert _links(page.text) == ["/signin?event=tiny", "/"]
    assert '<html lang="fr">' in page.text


def test_signed_in_attendee_on_an_unknown_page_is_led_to_their_agenda(client: TestClient,
                                                                      store: EventStore) -> None:
    client.cookies.set(SESSION_COOKIE, create_session(store.client, "tiny", "a1"))
    page = client.get("/e/tiny/organizer/setup")  # not an organizer
    assert page.status_code == 403 and "/e/tiny/agenda" in _links(page.text)


def test_organizer_error_in_the_console_leads_back_to_the_console(client: TestClient, store: EventStore) -> None:
    client.cookies.set(SESSION_COOKIE, create_session(store.client, "tiny", "o1"))
    page = client.get("/e/tiny/organizer/attendees?page=zero&lang=fr")
    assert page.status_code == 400 and _links(page.text)[-2:] == ["/e/tiny/organizer", "/"]


def test_used_link_leads_back_to_sign_in(client: TestClient) -> None:
    page = client.get("/signin/not-a-token")
    assert page.status_code == 403 and _links(page.text) == ["/signin", "/"]


def test_event_list_links_each_event_to_its_sign_in(client: TestClient) -> None:
    page = client.get("/?lang=fr")
    assert 'href="/signin?event=tiny"' in page.text and 'href="/signin?event=other"' in page.text
    assert "Événements" in page.text


def test_event_list_links_the_signed_in_event_to_its_pages(client: TestClient, store: EventStore) -> None:
    client.cookies.set(SESSION_COOKIE, create_session(store.client, "tiny", "a1"))
    page = client.get("/")
    assert 'href="/e/tiny"' in page.text and 'href="/signin?event=other"' in page.text


def test_signed_out_visit_to_an_event_page_opens_sign_in_on_that_event(client: TestClient) -> None:
    moved = client.get("/e/other/agenda", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/signin?next=/e/other/agenda&event=other"
    page = client.get(moved.headers["location"])
    assert '<option value="other" selected>' in page.text
