"""The outbox page: mails listed and shown to organizers, invitations by mail confirmed and sent once."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from forum.services.mailing import queue_mail
from forum.store import EventStore
from tests.web.organizer.conftest import sign_in


def test_outbox_lists_mails_and_shows_one(web: TestClient, events: EventStore) -> None:
    mail = queue_mail(events.client, "tiny", "request", "a1", "w1", {"wish": "w1"})
    sign_in(web, events, "tiny", "o1")
    page = web.get("/e/tiny/organizer/outbox")
    assert page.status_code == 200 and f"/e/tiny/organizer/outbox/{mail}" in page.text and "Queued" in page.text
    one = web.get(f"/e/tiny/organizer/outbox/{mail}")
    assert one.status_code == 200 and "New request" in one.text
    assert web.get("/e/tiny/organizer/outbox/" + "0" * 32).status_code == 404
    assert web.get("/e/tiny/organizer/outbox?page=abc").status_code == 400


def test_outbox_of_another_event_is_refused(web: TestClient, events: EventStore) -> None:
    mail = queue_mail(events.client, "tiny", "request", "a1", "w1")
    sign_in(web, events, "other", "o2")
    assert web.get(f"/e/tiny/organizer/outbox/{mail}").status_code == 403
    assert web.get(f"/e/other/organizer/outbox/{mail}").status_code == 404


def test_invitations_need_a_confirmation_and_go_once(web: TestClient, events: EventStore) -> None:
    csrf = sign_in(web, events, "tiny", "o1")
    batch = re.search(r'name="batch" value="([^"]+)"', web.get("/e/tiny/organizer/outbox").text)
    assert batch
    form = {"csrf": csrf, "attendees": "", "batch": batch[1]}
    asked = web.post("/e/tiny/organizer/outbox/invitations", data=form, follow_redirects=False)
    assert asked.status_code == 200 and "Send invitations (1)" in asked.text  # a confirmation, nothing queued
    assert "No mail for 3 attendees without an e-mail address" in asked.text
    assert events.client.llen("forum:tiny:maillist:all") == 0
    sent = web.post("/e/tiny/organizer/outbox/invitations", data={**form, "confirm": "yes"}, follow_redirects=False)
    assert sent.status_code == 303 and events.client.llen("forum:tiny:maillist:all") == 1  # only a2 has an address
    again = web.post("/e/tiny/organizer/outbox/invitations", data={**form, "confirm": "yes"}, follow_redirects=False)
    assert again.status_code == 303 and events.client.llen("forum:tiny:maillist:all") == 1
    unknown = web.post("/e/tiny/organizer/outbox/invitations",
                       data={**form, "attendees": "nobody", "confirm": "yes"}, follow_redirects=False)
    assert unknown.status_code == 404 and "nobody" in unknown.text
    no_csrf = web.post("/e/tiny/organizer/outbox/invitations", data={"batch": batch[1], "confirm": "yes"},
                       follow_redirects=False)
    assert no_csrf.status_code == 403
