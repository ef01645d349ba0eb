"""The market floor on phones: the buyer reports a no-show during the meeting, a producer who wished to meet
her gets the live offer and takes it, both agendas show the meeting; a second producer's tap is refused."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from forum.store import EventStore
from tests.browser.attendee_fixtures import shot
from tests.browser.conftest import signed_in_context
from tests.live import WebProcess
from tests.services.floor.market import EVENT, load, local_now

WAIT = 30_000  # ms: generous for a loaded 2-core machine; the test waits for states, never for time


def _slots_around_now() -> datetime:
    """The start of s1, so that s2 started five minutes ago in the event's time zone (on today's date)."""
    now = local_now().replace(second=0, microsecond=0)
    s2 = max(now - timedelta(minutes=5), now.replace(hour=0, minute=0))
    return s2 - timedelta(minutes=30)


def _agenda(browser: Any, server: WebProcess, redis_url: str, who: str) -> tuple[Any, Any]:
    context = signed_in_context(browser, server, redis_url, EVENT, who, phone=True)
    page = context.new_page()
    page.goto(f"/e/{EVENT}/agenda")
    page.evaluate("window.notReloaded = true")
    return context, page


def test_no_show_offer_taken_live_by_the_first_producer_only(browser: Any, live_server: WebProcess,
                                                             store: EventStore, redis_url: str,
                                                             tmp_path: Path) -> None:
    load(store, _slots_around_now())
    buyer_context, buyer = _agenda(browser, live_server, redis_url, "b1")
    producer_context, producer = _agenda(browser, live_server, redis_url, "p2")
    producer.wait_for_function("document.querySelector('#live') !== null")
    buyer.locator("[data-meeting='w-meet'] .checkin button[value='no-show']").first.tap()
    buyer.locator("[data-meeting='w-meet']").first.wait_for(state="detached", timeout=WAIT)

    offer = producer.locator("#offers .offer", has_text="Anna Berg")
    offer.wait_for(timeout=WAIT)  # pushed over the websocket: no reload
    assert "Nordic Films" in offer.inner_text() and "Table 12" in offer.inner_text()
    shot(producer, "producer-standby-offer", tmp_path)

    # Olaf's phone lost its connection before the offer was taken: his page still shows it.
    late_context = signed_in_context(browser, live_server, redis_url, EVENT, "p3", phone=True)
    late = late_context.new_page()
    late.route_web_socket("**/ws/**", lambda ws: None)
    late.goto(f"/e/{EVENT}/agenda")
    late.locator("#offers .offer", has_text="Anna Berg").wait_for(timeout=WAIT)

    offer.locator("button.accept").tap()
    producer.locator("[data-meeting='w-p2'].status-accepted", has_text="Anna Berg").first.wait_for(timeout=WAIT)
    buyer.locator("[data-meeting='w-p2'].status-accepted", has_text="Pierre Producer").first.wait_for(timeout=WAIT)
    assert producer.locator("#offers").count() == 0
    assert producer.evaluate("window.notReloaded") and buyer.evaluate("window.notReloaded")
    shot(buyer, "buyer-after-standby", tmp_path)

    late.locator("#offers .offer button.accept").tap()
    late.locator("#toast.error", has_text="Someone else took this slot.").wait_for(timeout=WAIT)
    assert late.locator("[data-meeting='w-p3']").count() == 0
    for context in (buyer_context, producer_context, late_context):
        context.close()
