"""Mail settings page and the stop link from a mail: saved for oneself only, forged links refused."""

from __future__ import annotations

from forum.services.mail.prefs import preferences, stop_token
from forum.web.auth import ANON_CSRF_COOKIE
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT

SECRET = "test-secret"


def test_settings_page_saves_language_and_opt_out(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    assert 'value="on" checked' in visitor.client.get(f"/e/{EVENT}/mail").text
    answer = visitor.post(f"/e/{EVENT}/mail", {"language": "fr", "mails": "off"})
    assert answer.status_code == 303 and answer.headers["location"] == f"/e/{EVENT}/mail?saved=1"
    found = preferences(visitor.store.client, EVENT, "b1")
    assert (found.language, found.opted_out) == ("fr", True)
    assert not preferences(visitor.store.client, EVENT, "b2").opted_out  # only one's own


def test_settings_refuse_bad_input_and_missing_csrf(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    bad = visitor.post(f"/e/{EVENT}/mail", {"language": "de", "mails": "off"})
    assert bad.status_code == 400 and "English or French" in bad.text
    assert visitor.post(f"/e/{EVENT}/mail", {"language": "fr", "mails": "maybe"}).status_code == 400
    assert visitor.post(f"/e/{EVENT}/mail", {"language": "fr", "mails": "off"}, csrf=False).status_code == 403
    assert not preferences(visitor.store.client, EVENT, "b1").opted_out


def _anonymous_post(visitor: Visitor, path: str) -> int:
    visitor.client.cookies.clear()
    visitor.client.cookies.set(ANON_CSRF_COOKIE, "anon-token")
    return visitor.client.post(path, data={"csrf": "anon-token"}, follow_redirects=False).status_code


def test_stop_link_works_without_signing_in_after_a_confirm(visitor: Visitor) -> None:
    path = f"/mail/stop/{stop_token(SECRET, EVENT, 'b1')}"
    page = visitor.client.get(path)
    assert page.status_code == 200 and "Bea Buyer" in page.text
    assert not preferences(visitor.store.client, EVENT, "b1").opted_out  # a mail scanner's GET changes nothing
    assert _anonymous_post(visitor, path) == 200
    assert preferences(visitor.store.client, EVENT, "b1").opted_out


def test_forged_or_damaged_stop_links_are_refused(visitor: Visitor) -> None:
    token = stop_token(SECRET, EVENT, "b1")
    for forged in (stop_token("not-our-secret", EVENT, "b1"), token[:-2] + "xx", "garbage"):
        answer = visitor.client.get(f"/mail/stop/{forged}")
        assert answer.status_code == 403 and "not valid" in answer.text
        assert _anonymous_post(visitor, f"/mail/stop/{forged}") == 403
    assert visitor.client.get(f"/mail/stop/{'x' * 600}").status_code == 400
    visitor.client.cookies.clear()
    no_csrf = visitor.client.post(f"/mail/stop/{token}", data={}, follow_redirects=False)
    assert no_csrf.status_code == 403
    assert not preferences(visitor.store.client, EVENT, "b1").opted_out


def test_settings_and_stop_pages_in_french(visitor: Visitor) -> None:
    visitor.sign_in("b1")
    assert "Réglages des e-mails" in visitor.client.get(f"/e/{EVENT}/mail?lang=fr").text
    visitor.client.cookies.clear()
    page = visitor.client.get(f"/mail/stop/{stop_token(SECRET, EVENT, 'b1')}?lang=fr")
    assert "Arrêter ces e-mails" in page.text
    assert "pas valide" in visitor.client.get("/mail/stop/forged?lang=fr").text
