"""A producer asks for a meeting in Chromium; the buyer's "new request" mail reaches a real SMTP server, and
its link opens the buyer's requests page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from forum.services.mail.prefs import preferences
from forum.store import EventStore
from tests.browser.attendee_fixtures import check_phone_layout
from tests.browser.conftest import signed_in_context
from tests.live import WebProcess, start_web, start_worker
from tests.services.mail.mail_market import EVENT, load
from tests.services.mail.smtp_server import LocalSmtp, body
from tests.waiting import wait_for


@pytest.fixture
def mailing_server(redis_url: str, tmp_path: Path, smtp: LocalSmtp) -> Iterator[WebProcess]:
    """A web process and a worker that mails through the test SMTP server, with links to this web process."""
    web = start_web(redis_url, tmp_path)
    worker = start_worker(redis_url, tmp_path, FORUM_SMTP_URL=smtp.url, FORUM_PUBLIC_ORIGIN=web.url)
    yield web
    worker.stop()
    web.stop()


def test_request_from_the_page_mails_the_buyer_a_link_to_it(browser: Any, mailing_server: WebProcess,
                                                             store: EventStore, redis_url: str,
                                                             smtp: LocalSmtp) -> None:
    load(store)
    producer = signed_in_context(browser, mailing_server, redis_url, EVENT, "p1", phone=True).new_page()
    producer.goto(f"/e/{EVENT}/people/b1")
    producer.check("input[name=importance][value=must]")
    producer.fill("textarea[name=message]", "A Nordic noir co-production, 8 × 52'")
    producer.click("#request-form button[type=submit]")
    producer.wait_for_url(re.compile(r"done="))

    [mail] = wait_for(lambda: smtp.inbox.to("bea@example.org"), what="the buyer's new request mail")
    assert mail["Subject"] == "Paula Producer (Lille Films) asks to meet you at Lille Forum 2030"
    assert smtp.inbox.to("paula@example.org") == []  # the producer is not mailed about their own request
    link = re.search(rf"{re.escape(mailing_server.url)}/e/{EVENT}/requests\b", body(mail))
    assert link, body(mail)

    buyer = signed_in_context(browser, mailing_server, redis_url, EVENT, "b1", phone=True).new_page()
    answer = buyer.goto(link[0])
    assert answer is not None and answer.status == 200
    assert buyer.locator("text=Paula Producer").count() >= 1
    assert buyer.locator("text=A Nordic noir co-production").count() >= 1

    buyer.click(".mail-settings a")  # and from there, the buyer stops these mails in French
    check_phone_layout(buyer)
    assert buyer.locator(".mail-settings a").count() == 0  # no link to the page itself
    buyer.select_option("select[name=language]", "fr")
    buyer.check("input[name=mails][value=off]")
    buyer.click("#mail-settings button[type=submit]")
    buyer.wait_for_url(re.compile(r"saved=1"))
    found = preferences(store.client, EVENT, "b1")
    assert (found.language, found.opted_out) == ("fr", True)
