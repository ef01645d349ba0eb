"""Phones offline in Chromium: the service worker keeps the signed-in attendee's agenda, and forgets it at sign-out."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError

from forum.domain import MeetingStatus, Wish
from forum.services.signin.sessions import end_session
from forum.store import EventStore
from forum.store.requests import built_key
from forum.web.auth import SESSION_COOKIE
from tests.browser.attendee_fixtures import check_phone_layout
from tests.browser.conftest import signed_in_context
from tests.live import WebProcess
from tests.waiting import wait_for
from tests.web.attendee.market import EVENT, load, place

AGENDA, PRINT = f"/e/{EVENT}/agenda", f"/e/{EVENT}/agenda/print"
KEPT_PAGES = """async () => {
  const cache = await caches.open("forum-pages");
  return (await cache.keys()).map(r => new URL(r.url).pathname).sort().join(" ");
}"""
BANNER = re.compile(r"^Offline, updated \d\d:\d\d$")


def buyer_day(store: EventStore) -> None:
    """Bea Buyer's day: one accepted meeting, one still proposed."""
    load(store)
    store.entities(EVENT, Wish).put(Wish("w-lille", "p1", "b1", 5, message="Crime series"))
    store.client.delete(built_key(EVENT))  # the by-person index is rebuilt on the next read
    place(store, "w-other", "d0-540", "T1", MeetingStatus.ACCEPTED)
    place(store, "w-lille", "d0-600", "T2", MeetingStatus.PROPOSED)


def kept_agenda(browser: Any, server: WebProcess, redis_url: str) -> Any:
    """Bea's phone with her agenda open and kept by the service worker."""
    page = signed_in_context(browser, server, redis_url, EVENT, "b1", phone=True).new_page()
    page.goto(AGENDA)
    wait_for(lambda: page.evaluate("!!navigator.serviceWorker.controller"), what="the worker controls the page")
    wait_for(lambda: AGENDA in page.evaluate(KEPT_PAGES).split(), what="the agenda is kept")
    return page


def test_offline_agenda_reloads_with_banner_and_recovers(browser: Any, live_server: WebProcess, store: EventStore,
                                                         redis_url: str, tmp_path: Path) -> None:
    buyer_day(store)
    page = kept_agenda(browser, live_server, redis_url)
    banner = page.locator("#offline-banner")
    assert banner.is_hidden()  # online: nothing to say
    page.goto(PRINT)
    page.goto(f"/e/{EVENT}/people")  # never kept: only the agenda and its printable copy are
    wait_for(lambda: page.evaluate(KEPT_PAGES) == f"{AGENDA} {PRINT}", what="agenda and print kept")
    page.goto(AGENDA)

    page.context.set_offline(True)
    banner.wait_for(state="visible")  # the page that is already open says so at once
    page.reload()
    assert page.locator("h1", has_text="Bea Buyer").is_visible()
    assert page.locator(".meeting", has_text="Paula Producer").count() >= 1
    banner.wait_for(state="visible")
    assert banner.get_attribute("data-served") == "cache"  # the worker's kept copy, not a lucky network answer
    assert BANNER.match(banner.inner_text()), banner.inner_text()
    _screenshot(page, tmp_path)

    page.go_back()  # the people page was not kept: our own offline page, not the browser's
    page.locator("h1", has_text="No connection").wait_for()
    check_phone_layout(page)
    page.screenshot(path=str(tmp_path / "offline-page.png"))
    assert page.locator("a[data-agenda-link]").get_attribute("href") == AGENDA
    page.locator("a[data-agenda-link]").click()
    page.locator("h1", has_text="Bea Buyer").wait_for()
    banner.wait_for(state="visible")
    page.goto(PRINT)  # the printable agenda was kept too
    assert page.locator("table.print-agenda tbody tr", has_text="Paula Producer").count() == 1
    page.go_back()
    banner.wait_for(state="visible")

    page.context.set_offline(False)
    banner.wait_for(state="hidden")  # back online: fresh data came in, the banner went away
    page.context.close()


def test_offline_banner_in_french(browser: Any, live_server: WebProcess, store: EventStore, redis_url: str) -> None:
    buyer_day(store)
    page = kept_agenda(browser, live_server, redis_url)
    page.goto(f"{AGENDA}?lang=fr")
    page.context.set_offline(True)
    page.reload()
    assert page.locator("#offline-banner").get_attribute("data-served") == "cache"
    text = page.locator("#offline-banner").inner_text()
    assert re.fullmatch(r"Hors ligne, mis à jour à \d\d:\d\d", text), text
    page.context.close()


def settled_content(page: Any) -> str:
    """The page's HTML once the browser has finished putting up its error page (reading it mid-navigation fails)."""
    def read() -> str | None:
        try:
            return str(page.content())
        except PlaywrightError:
            return None
    return wait_for(read, what="the page to settle")


def test_signed_out_phone_offline_shows_no_agenda(browser: Any, live_server: WebProcess, store: EventStore,
                                                  redis_url: str) -> None:
    buyer_day(store)
    page = kept_agenda(browser, live_server, redis_url)
    page.locator("form.signout button").click()
    page.wait_for_url("**/signin")
    assert page.evaluate("caches.keys()") == []  # Clear-Site-Data: "storage" emptied every cache...
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0  # ...and the worker
    page.context.set_offline(True)
    try:
        page.goto(AGENDA)
    except PlaywrightError as refused:  # no worker any more: the browser's own "no internet" page
        assert "ERR_INTERNET_DISCONNECTED" in str(refused)
    assert "Bea Buyer" not in settled_content(page)
    page.context.close()


def test_session_ended_elsewhere_forgets_the_kept_agenda(browser: Any, live_server: WebProcess, store: EventStore,
                                                         redis_url: str) -> None:
    buyer_day(store)
    page = kept_agenda(browser, live_server, redis_url)
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == SESSION_COOKIE)
    end_session(store.client, cookie)  # an organizer's "sign out everywhere"
    page.goto(AGENDA)
    page.wait_for_url("**/signin**")
    wait_for(lambda: page.evaluate(KEPT_PAGES) == "", what="the worker forgets the agenda")
    page.context.set_offline(True)
    page.goto(AGENDA)
    page.locator("h1", has_text="No connection").wait_for()  # the worker still runs, but keeps nothing of Bea
    assert "Bea Buyer" not in page.content()
    page.context.close()


def test_organizer_pages_are_never_kept(browser: Any, live_server: WebProcess, store: EventStore,
                                        redis_url: str) -> None:
    buyer_day(store)
    page = signed_in_context(browser, live_server, redis_url, EVENT, "o1", phone=True).new_page()
    page.goto(AGENDA)
    wait_for(lambda: page.evaluate("!!navigator.serviceWorker.controller"), what="the worker controls the page")
    page.goto(f"/e/{EVENT}/organizer")
    page.locator("main").wait_for()
    wait_for(lambda: page.evaluate(KEPT_PAGES) == AGENDA, what="only the organizer's own agenda kept")
    page.context.set_offline(True)
    page.goto(f"/e/{EVENT}/organizer")
    page.locator("h1", has_text="No connection").wait_for()
    page.context.close()


def _screenshot(page: Any, tmp_path: Path) -> None:
    """docs/screenshots/phone-offline.png when refreshing the docs (SCREENSHOTS_DIR), else in the test's folder."""
    check_phone_layout(page)
    target = Path(os.environ.get("SCREENSHOTS_DIR", "") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / "phone-offline.png"))  # one phone screen: banner and the day
