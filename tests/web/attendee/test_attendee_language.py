"""English and French: the choice by query (remembered), by cookie, by Accept-Language; pages and sign-in."""

from __future__ import annotations

from tests.web.attendee.conftest import Visitor


def test_language_from_accept_language(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    page = visitor.client.get("/e/lille/agenda", headers={"accept-language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert '<html lang="fr">' in page.text and "Mon agenda" in page.text
    page = visitor.client.get("/e/lille/agenda", headers={"accept-language": "de-DE,en;q=0.5"})
    assert '<html lang="en">' in page.text and "My agenda" in page.text


def test_language_query_is_remembered_over_the_browser(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    assert "Annuaire" in visitor.client.get("/e/lille/people?lang=fr").text
    later = visitor.client.get("/e/lille/requests", headers={"accept-language": "en"})
    assert "Mes demandes" in later.text
    assert "My requests" in visitor.client.get("/e/lille/requests?lang=en").text


def test_language_unknown_falls_back_to_english(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    page = visitor.client.get("/e/lille/agenda?lang=xx", headers={"accept-language": "xx"})
    assert '<html lang="en">' in page.text


def test_signin_pages_in_french(visitor: Visitor) -> None:
    page = visitor.client.get("/signin?lang=fr")
    assert "Code d&#39;accès" in page.text and '<html lang="fr">' in page.text


def test_request_form_error_in_french(visitor: Visitor) -> None:
    visitor.sign_in("p1")
    visitor.client.get("/e/lille/agenda?lang=fr")
    response = visitor.post("/e/lille/requests", {"target": "b1", "importance": "must", "days": "2031-01-01"})
    assert response.status_code == 400 and "jours de l&#39;événement" in response.text


def test_requests_page_shows_the_scheduled_meeting(visitor: Visitor) -> None:
    from forum.domain import Importance
    from forum.services.attendees.requests import NewRequest, create_request
    from tests.web.attendee.market import EVENT, place

    wish = create_request(visitor.store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    place(visitor.store, wish.id, "d1-600", "T2")
    page = visitor.sign_in("p1").client.get("/e/lille/requests").text
    assert "Wednesday 20 · 10:00 · Table 2" in page
    buyer = visitor.sign_in("b1").client.get("/e/lille/requests").text
    assert f'data-wish="{wish.id}"' not in buyer.split('id="sent"')[0]  # answered on the agenda, as a meeting


def test_refused_answer_explained_in_french_with_a_way_back(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    visitor.client.get("/e/lille/requests?lang=fr")
    response = visitor.client.post("/e/lille/requests/nope/answer", data={"csrf": visitor.csrf, "decision": "accept"},
                                   headers={"referer": "http://testserver/e/lille/requests?page=2"})
    assert response.status_code == 404 and "Cette demande n&#39;existe pas." in response.text
    assert 'href="/e/lille/requests"' in response.text and "Retour" in response.text
    evil = visitor.client.post("/e/lille/requests/nope/answer", data={"csrf": visitor.csrf, "decision": "accept"},
                               headers={"referer": "https://evil.example/e/lille/x"})
    assert 'href="/e/lille/agenda"' in evil.text.split('class="error"')[1]


def test_language_switch_keeps_the_search(visitor: Visitor) -> None:
    page = visitor.sign_in("p1").client.get("/e/lille/people?q=nordic&role=buyer").text
    assert 'href="?q=nordic&amp;role=buyer&amp;lang=fr" hreflang="fr"' in page
    french = visitor.client.get("/e/lille/people?q=nordic&role=buyer&lang=fr").text
    assert 'href="?q=nordic&amp;role=buyer&amp;lang=en" hreflang="en"' in french and "Bea Buyer" in french
