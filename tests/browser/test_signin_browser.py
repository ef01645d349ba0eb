"""Sign-in in real Chromium: open the personal link, confirm, land on the event."""

from __future__ import annotations

from typing import Any

from forum.services.signin.access import make_link_token
from forum.store import EventStore
from tests.browser.conftest import PHONE
from tests.factories import tiny_instance
from tests.live import SECRET, WebProcess


def test_signin_link_confirm_in_phone_browser(browser: Any, live_server: WebProcess, store: EventStore) -> None:
    store.import_instance(tiny_instance())
    token = make_link_token(store.client, SECRET, "tiny", "a1")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(f"/signin/{token}")
    assert "Ada Buyer" in page.inner_text("h1")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/e/tiny" in url)
    assert any(c["name"] == "forum_session" and c["httpOnly"] for c in context.cookies())
    context.close()
