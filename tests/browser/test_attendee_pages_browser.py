"""Attendee pages in Chromium with JavaScript off (forms post and redirect), in French, and printed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from forum.domain import Importance, Meeting
from forum.services.attendees.requests import NewRequest, create_request
from forum.services.signin.access import create_session
from forum.store import EventStore, connect
from forum.web.auth import SESSION_COOKIE
from tests.browser.attendee_fixtures import busy_market, shot, solve_and_publish
from tests.browser.conftest import PHONE, signed_in_context
from tests.live import WebProcess
from tests.web.attendee.market import EVENT


def _no_js_phone(browser: Any, server: WebProcess, redis_url: str, attendee: str) -> Any:
    cookie = create_session(connect(redis_url), EVENT, attendee)
    quiet = browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, java_script_enabled=False)
    quiet.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": server.url}])
    return quiet


def test_attendee_forms_work_without_javascript(browser: Any, live_server: WebProcess, store: EventStore,
                                                redis_url: str, tmp_path: Path) -> None:
    busy_market(store)
    producer = _no_js_phone(browser, live_server, redis_url, "p2").new_page()
    producer.goto("/e/lille/people")
    producer.click("form.search summary")
    producer.select_option("select[name=role]", "distributor")
    producer.click("form.search button[type=submit]")
    assert producer.locator(".person").count() == 1
    producer.click("text=Ben Distributor")
    assert producer.locator(".status-pending").count() == 1  # p2 asked Ben already: no second form
    assert producer.locator("#request-form").count() == 0
    producer.goto("/e/lille/people/b1")
    producer.check("input[name=importance][value=if_possible]")
    producer.click("#request-form button[type=submit]")
    producer.wait_for_url("**/requests?done=sent")
    card = producer.locator("#sent .card", has_text="Bea Buyer")
    card.locator("button", has_text="Withdraw").click()
    producer.wait_for_url("**/requests?done=withdrawn")
    assert producer.locator("#sent .card", has_text="Bea Buyer").locator(".status-withdrawn").count() == 1

    buyer = _no_js_phone(browser, live_server, redis_url, "b1").new_page()
    buyer.goto("/e/lille/agenda")
    buyer.locator("#incoming [data-wish=w-other] button.accept").click()
    buyer.wait_for_url("**/agenda?done=accepted")
    assert buyer.locator("#incoming [data-wish=w-other]").count() == 0
    producer.context.close()
    buyer.context.close()


def test_attendee_pages_screenshots_french_and_print(browser: Any, live_server: WebProcess, store: EventStore,
                                                     redis_url: str, tmp_path: Path) -> None:
    busy_market(store)
    asked = NewRequest("b1", Importance.MUST, "Crime series, pilot ready", ("p2",))
    wish = create_request(store.client, EVENT, "p1", asked)
    create_request(store.client, EVENT, "p1", NewRequest("b2", Importance.WOULD_LIKE))
    solve_and_publish(store, redis_url)

    signin = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True).new_page()
    signin.goto(f"/signin?event={EVENT}")
    shot(signin, "signin", tmp_path)
    signin.context.close()

    producer = signed_in_context(browser, live_server, redis_url, EVENT, "p1", phone=True).new_page()
    producer.goto("/e/lille/people")
    shot(producer, "people", tmp_path)
    producer.goto("/e/lille/requests")
    shot(producer, "requests", tmp_path)

    buyer = signed_in_context(browser, live_server, redis_url, EVENT, "b1", phone=True).new_page()
    buyer.goto("/e/lille/agenda?lang=fr")
    assert buyer.locator("html").get_attribute("lang") == "fr"
    assert "Rendez-vous proposés" in buyer.inner_text("main")
    shot(buyer, "agenda-fr", tmp_path)
    buyer.goto("/e/lille/agenda")  # the choice is remembered
    assert "Mon agenda" in buyer.inner_text("main")

    buyer.goto("/e/lille/agenda/print?lang=en")
    buyer.emulate_media(media="print")
    assert buyer.locator("table.print-agenda tbody tr").count() >= 1
    assert not buyer.locator(".noprint").is_visible()
    shot(buyer, "print", tmp_path)
    producer.context.close()
    _answer_a_meeting_that_moved(buyer, store, wish.id)
    buyer.context.close()


def _answer_a_meeting_that_moved(buyer: Any, store: EventStore, meeting_id: str) -> None:
    """The schedule moved the meeting after the page was shown: the tap is refused, the new time appears."""
    buyer.emulate_media(media="screen")
    # Mark the page once the websocket said hello (a locator waits for it; CSP forbids eval-based polling).
    buyer.add_init_script("document.addEventListener('forum:event', e => { if (e.detail.type === 'hello') "
                          "document.documentElement.dataset.hello = '1'; })")
    buyer.goto("/e/lille/agenda")
    buyer.locator("html[data-hello]").wait_for(state="attached")
    buyer.wait_for_load_state("networkidle")  # the refetch that follows every (re)connection is done
    card = buyer.locator(f"#proposed [data-meeting='{meeting_id}']")
    meetings = store.entities(EVENT, Meeting)
    shown = meetings.get(meeting_id)
    meetings.put(replace(shown, slot="d1-630" if shown.slot != "d1-630" else "d0-630"))  # 10:30, behind its back
    card.locator("button.accept").tap()
    buyer.locator("#toast.error", has_text="moved").wait_for()
    card.locator("time", has_text="10:30").wait_for()  # refreshed with the new time
    card.locator("button.accept").tap()
    buyer.locator(f"#days [data-meeting='{meeting_id}'].status-accepted").wait_for()
    buyer.locator("#proposed [data-meeting=w-other] button.decline").tap()
    buyer.locator("#proposed [data-meeting=w-other]").wait_for(state="detached")
    assert meetings.get("w-other").status.value == "declined"
