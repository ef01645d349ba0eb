"""Sending one mail against a real SMTP server in this process: links and codes, language, opt-out, never
twice, the outbox without a server, permanent refusals."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from forum.config import Settings, SmtpServer
from forum.domain import Importance
from forum.services.attendees.requests import NewRequest, create_request, withdraw
from forum.services.mail.outbox import one
from forum.services.mail.prefs import save_preferences
from forum.services.mail.sending import TryAgain, deliver
from forum.services.mailing import mail_id, queue_mail
from forum.services.signin.access import confirm_link, sign_in_with_code
from forum.store import EventStore
from tests.services.mail.mail_market import EVENT, load
from tests.services.mail.smtp_server import LocalSmtp, body

SECRET = "test-secret"
ORIGIN = "http://forum.test"


@pytest.fixture
def settings(redis_url: str, smtp: LocalSmtp) -> Settings:
    return Settings(redis_url=redis_url, secret_key=SECRET, public_origin=ORIGIN,
                    smtp=SmtpServer("127.0.0.1", smtp.port), mail_from="forum@forum.test")


@pytest.fixture
def market(store: EventStore) -> EventStore:
    load(store)
    return store


def _send(store: EventStore, settings: Settings, kind: str, person: str, change: str,
          data: dict[str, str] | None = None) -> str:
    mail = queue_mail(store.client, EVENT, kind, person, change, data)
    assert mail is not None
    return deliver(store.client, settings, EVENT, mail, last_try=False)


def test_invitation_mail_carries_a_working_link_and_code(market: EventStore, settings: Settings,
                                                         smtp: LocalSmtp) -> None:
    assert _send(market, settings, "invitation", "b1", "batch-1") == "sent"
    [mail] = smtp.inbox.to("bea@example.org")
    text = body(mail)
    link = re.search(rf"{ORIGIN}/signin/(\S+)", text)
    code = re.search(r"^([A-HJ-NP-Z2-9]{10})\r?$", text, re.MULTILINE)
    assert link and code, text
    assert sign_in_with_code(market.client, SECRET, EVENT, code[1], "127.0.0.1").startswith(f"{EVENT}.")
    assert confirm_link(market.client, SECRET, link[1]).startswith(f"{EVENT}.")
    kept = one(market.client, EVENT, mail_id("invitation", "b1", "batch-1"))
    assert kept.status == "sent" and code[1] not in kept.body  # the clear code is not kept once sent


def test_same_mail_delivered_twice_reaches_the_server_once(market: EventStore, settings: Settings,
                                                           smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Nordic noir"))
    mail = mail_id("request", "b1", wish.id)
    assert deliver(market.client, settings, EVENT, mail, last_try=False) == "sent"
    again = deliver(market.client, settings, EVENT, mail, last_try=False)  # a redelivered or retried job
    assert again == "left alone (sent)" and smtp.inbox.count() == 1
    assert queue_mail(market.client, EVENT, "request", "b1", wish.id) is None  # queued once, ever


def test_new_request_mail_says_who_asks_and_links_to_requests(market: EventStore, settings: Settings,
                                                              smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Nordic noir"))
    assert deliver(market.client, settings, EVENT, mail_id("request", "b1", wish.id), last_try=False) == "sent"
    [mail] = smtp.inbox.to("bea@example.org")
    assert mail["Subject"] == "Paula Producer (Lille Films) asks to meet you at Lille Forum 2030"
    text = body(mail)
    assert "Nordic noir" in text and "must meet" in text and f"{ORIGIN}/e/{EVENT}/requests" in text
    assert mail["List-Unsubscribe"].startswith(f"<{ORIGIN}/mail/stop/")


def test_french_attendee_gets_the_mail_in_french(market: EventStore, settings: Settings, smtp: LocalSmtp) -> None:
    save_preferences(market.client, EVENT, "b2", "fr", False)
    wish = create_request(market.client, EVENT, "p1", NewRequest("b2", Importance.WOULD_LIKE, ""))
    deliver(market.client, settings, EVENT, mail_id("request", "b2", wish.id), last_try=False)
    [mail] = smtp.inbox.to("benoit@example.org")
    assert mail["Subject"] == "Paula Producer (Lille Films) souhaite vous rencontrer à Lille Forum 2030"
    assert "Répondez à la demande ici" in body(mail) and "aimerait vous rencontrer" in body(mail)


def test_english_by_default(market: EventStore, settings: Settings, smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b2", Importance.WOULD_LIKE, ""))
    deliver(market.client, settings, EVENT, mail_id("request", "b2", wish.id), last_try=False)
    assert "Answer the request here" in body(smtp.inbox.to("benoit@example.org")[0])


def test_opted_out_attendee_gets_no_request_mail(market: EventStore, settings: Settings, smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, ""))
    save_preferences(market.client, EVENT, "b1", "en", True)  # after queuing: the worker checks again
    mail = mail_id("request", "b1", wish.id)
    assert deliver(market.client, settings, EVENT, mail, last_try=False) == "skipped"
    assert smtp.inbox.count() == 0 and one(market.client, EVENT, mail).status == "skipped"
    other = create_request(market.client, EVENT, "p2", NewRequest("b1", Importance.MUST, ""))
    assert queue_mail(market.client, EVENT, "request", "b1", other.id) is None  # not even queued now


def test_opted_out_attendee_still_gets_invitations(market: EventStore, settings: Settings,
                                                   smtp: LocalSmtp) -> None:
    save_preferences(market.client, EVENT, "b1", "en", True)
    assert _send(market, settings, "invitation", "b1", "batch-1") == "sent"
    assert len(smtp.inbox.to("bea@example.org")) == 1


def test_withdrawn_request_is_not_mailed(market: EventStore, settings: Settings, smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, ""))
    withdraw(market.client, EVENT, "p1", wish.id)
    assert deliver(market.client, settings, EVENT, mail_id("request", "b1", wish.id), last_try=False) == "skipped"
    assert smtp.inbox.count() == 0


def test_without_smtp_the_mail_waits_in_the_outbox(market: EventStore, settings: Settings,
                                                   smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Nordic noir"))
    mail = mail_id("request", "b1", wish.id)
    assert deliver(market.client, replace(settings, smtp=None), EVENT, mail, last_try=False) == "outbox"
    kept = one(market.client, EVENT, mail)
    assert (kept.status, kept.to) == ("outbox", "bea@example.org") and "Nordic noir" in kept.body
    assert smtp.inbox.count() == 0


def test_server_down_gives_the_mail_back_for_another_try(market: EventStore, settings: Settings,
                                                         smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, ""))
    mail = mail_id("request", "b1", wish.id)
    smtp.stop()
    with pytest.raises(TryAgain):
        deliver(market.client, settings, EVENT, mail, last_try=False)
    assert one(market.client, EVENT, mail).status == "retrying"
    smtp.start()
    assert deliver(market.client, settings, EVENT, mail, last_try=False) == "sent"
    assert one(market.client, EVENT, mail).attempts == 2 and smtp.inbox.count() == 1


def test_server_down_on_the_last_try_fails_the_mail(market: EventStore, settings: Settings,
                                                    smtp: LocalSmtp) -> None:
    wish = create_request(market.client, EVENT, "p1", NewRequest("b1", Importance.MUST, ""))
    mail = mail_id("request", "b1", wish.id)
    smtp.stop()
    with pytest.raises(TryAgain):
        deliver(market.client, settings, EVENT, mail, last_try=True)
    found = one(market.client, EVENT, mail)
    assert found.status == "failed" and "did not take it" in found.error


def test_attendee_without_address_is_skipped(market: EventStore, settings: Settings, smtp: LocalSmtp) -> None:
    assert _send(market, settings, "invitation", "b3", "batch-1") == "skipped"
    assert smtp.inbox.count() == 0


def test_mail_claimed_by_a_worker_that_died_is_never_sent_again(market: EventStore, settings: Settings,
                                                                smtp: LocalSmtp) -> None:
    """A worker killed between the claim and its mark may have sent the mail: at most once wins."""
    from forum.store.mail import MailStore

    mail = queue_mail(market.client, EVENT, "invitation", "b1", "batch-1")
    assert mail is not None and MailStore(market.client).claim(EVENT, mail) == "claimed"  # then the worker died
    assert deliver(market.client, settings, EVENT, mail, last_try=False) == "left alone (sending)"
    assert smtp.inbox.count() == 0
