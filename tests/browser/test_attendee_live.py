"""The market on two phones: a producer requests, the buyer accepts live, a published run proposes a slot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forum.store import EventStore
from forum.store.access_codes import AccessCodes
from tests.browser.attendee_fixtures import busy_market, shot, solve_and_publish
from tests.browser.conftest import PHONE, signed_in_context
from tests.live import SECRET, WebProcess
from tests.web.attendee.market import EVENT

WAIT = 30_000  # ms: generous for a loaded 2-core CI machine; the test waits for states, never for time


def _phone(browser: Any, server: WebProcess) -> Any:
    return browser.new_context(base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True)


class Sleep:
    """Put a phone's websocket to sleep: while asleep its socket is silent, like one the OS froze."""

    def __init__(self, page: Any) -> None:
        self.asleep, self.sockets = False, []  # type: ignore[var-annotated]
        page.route_web_socket("**/ws/**", self._route)

    def _route(self, ws: Any) -> None:
        if not self.asleep:
            ws.connect_to_server()
        self.sockets.append(ws)

    def _drop(self) -> None:
        for ws in self.sockets:
            ws.close()
        self.sockets.clear()

    def fall_asleep(self) -> None:
        self.asleep = True
        self._drop()  # the page reconnects at once, to a socket that hears nothing

    def wake(self, page: Any) -> None:
        self.asleep = False
        self._drop()  # the dead socket closes; live.js reconnects with its last id and replays
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")


def _sign_in_with_code(page: Any, store: EventStore, attendee: str) -> None:
    code = AccessCodes(store.client, SECRET).issue(EVENT, [attendee])[attendee]
    page.goto("/signin")
    page.select_option("select[name=event]", EVENT)
    page.fill("input[name=code]", code.lower())
    page.click("button[type=submit]")
    page.wait_for_url(f"**/e/{EVENT}/agenda")


def _request_meeting(page: Any, tmp: Path) -> str:
    page.goto("/e/lille/people?q=bea")
    page.click("text=Bea Buyer")
    page.wait_for_selector("#request-form")
    page.check("input[name=importance][value=must]")
    page.fill("textarea[name=message]", "Our crime series Les Mines <b>pilot ready</b>")
    page.check("input[name=colleagues][value=p2]")
    shot(page, "profile-request", tmp)
    page.click("#request-form button[type=submit]")
    page.wait_for_url("**/requests?done=sent")
    card = page.locator("#sent .card", has_text="Bea Buyer")
    assert card.locator(".status-pending").count() == 1
    return str(card.get_attribute("data-wish"))


def test_attendee_request_accept_publish_answer_live(browser: Any, live_server: WebProcess, store: EventStore,
                                                     redis_url: str, tmp_path: Path) -> None:
    busy_market(store)
    producer_context, buyer_context = _phone(browser, live_server), signed_in_context(
        browser, live_server, redis_url, EVENT, "b1", phone=True)
    producer, buyer = producer_context.new_page(), buyer_context.new_page()
    sleep = Sleep(producer)

    _sign_in_with_code(producer, store, "p1")
    buyer.goto("/e/lille/agenda")
    buyer.evaluate("window.notReloaded = true")
    buyer.wait_for_selector("#incoming [data-wish=w-other]")

    wish = _request_meeting(producer, tmp_path)
    request_card = buyer.locator(f"#incoming [data-wish='{wish}']")
    request_card.wait_for(timeout=WAIT)  # arrived over the websocket: no reload
    assert "<b>" in request_card.inner_text()  # the producer's HTML is shown as text
    shot(buyer, "buyer-incoming", tmp_path)
    request_card.locator("button.accept").tap()
    request_card.wait_for(state="detached", timeout=WAIT)
    producer.locator(f"#sent [data-wish='{wish}'] .status-accepted").wait_for(timeout=WAIT)  # live on the producer

    producer.goto("/e/lille/agenda")
    producer.evaluate("window.notReloaded = true")
    solve_and_publish(store, redis_url)
    proposed = buyer.locator(f"#proposed [data-meeting='{wish}']")
    proposed.wait_for(timeout=WAIT)
    producer.locator(f"[data-meeting='{wish}'].status-proposed").first.wait_for(timeout=WAIT)
    shot(buyer, "buyer-proposed", tmp_path)

    sleep.fall_asleep()  # the producer's phone sleeps while the buyer answers
    proposed.locator("button.accept").tap()
    buyer.locator(f"#days [data-meeting='{wish}'].status-accepted").wait_for(timeout=WAIT)
    assert producer.locator(f"#days [data-meeting='{wish}'].status-proposed").count() == 1
    sleep.wake(producer)
    producer.locator(f"#days [data-meeting='{wish}'].status-accepted").wait_for(timeout=WAIT)
    assert producer.evaluate("window.notReloaded") and buyer.evaluate("window.notReloaded")
    shot(producer, "producer-agenda", tmp_path)
    producer_context.close()
    buyer_context.close()
