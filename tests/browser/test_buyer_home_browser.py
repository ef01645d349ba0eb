"""The buyer home on a phone in Chromium: triage of hundreds of requests (filter, page 2, shortlist, bulk decline
behind a confirmation) and a meeting decline with its undo window (undone in time; final once it has passed,
with the freed slot's repair run started only then)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from forum.domain import Attendee, Importance, Meeting, MeetingStatus, Project, RunStatus, Wish, WishStatus
from forum.services.attendees.declines import UNDO_SECONDS
from forum.services.attendees.requests import NewRequest, create_request
from forum.services.runs.job import is_repair
from forum.store import EventStore
from forum.store.runs import RunStore
from tests.browser.attendee_fixtures import SHOTS, check_phone_layout
from tests.browser.conftest import signed_in_context
from tests.live import WebProcess
from tests.waiting import wait_for
from tests.web.attendee.market import EVENT, load, place

COUNTRIES = ("FR", "NO", "DE", "DK")


def crowded_market(store: EventStore, requests: int) -> list[str]:
    """The test market, `requests` producers asking Bea Buyer (b1), and three of them proposed as meetings
    (the first, p1's, with a message, a project and a colleague)."""
    load(store)
    people = [Attendee(f"x{i:03}", f"Producer {i:03}", f"Studio {i % 40:02}", "producer",
                       country=COUNTRIES[i % 4], looking_for="co-production" if i % 2 else "pre-buy")
              for i in range(requests)]
    store.entities(EVENT, Attendee).put(*people)
    store.entities(EVENT, Project).put(Project("pr1", "Les Mines", ("p1",)))
    levels = (Importance.MUST, Importance.WOULD_LIKE, Importance.IF_POSSIBLE)
    ids = [create_request(store.client, EVENT, p.id, NewRequest("b1", levels[i % 3],
                                                                 "Crime series, pilot ready" if i % 5 == 0 else ""))
           .id for i, p in enumerate(people)]
    first = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Season 2 of Les Mines",
                                                                 ("p2",))).id
    place(store, first, "d0-540", "T1")
    place(store, ids[0], "d0-570", "T1")
    place(store, ids[1], "d0-600", "T2")
    return [first, ids[0], ids[1], *ids[2:]]


def cards(page: Any) -> Any:
    return page.locator("#incoming .card.request")


def test_buyer_triage_filter_page_two_shortlist_bulk_decline(browser: Any, live_server: WebProcess,
                                                             store: EventStore, redis_url: str,
                                                             tmp_path: Path) -> None:
    ids = crowded_market(store, 300)
    context = signed_in_context(browser, live_server, redis_url, EVENT, "b1", phone=True)
    page = context.new_page()
    page.goto("/e/lille/agenda")
    summary = page.locator("#summary")
    assert "3 proposed meetings to answer" in summary.inner_text() and "299 requests waiting" in summary.inner_text()
    assert page.locator("#proposed .card").first.locator(".message").inner_text() == "Season 2 of Les Mines"
    check_phone_layout(page)
    target = Path(SHOTS) if SHOTS else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / "buyer-home.png"))  # the phone's first screen, as a buyer sees it

    page.goto("/e/lille/requests")
    page.click("#incoming summary")
    page.select_option("#incoming select[name=country]", "NO")
    page.click("#incoming form.filters button[type=submit]")
    page.wait_for_url("**/requests?*country=NO*")
    assert cards(page).count() == 50 and page.locator("#incoming .card.request", has_text="· NO ·").count() == 50
    check_phone_layout(page)  # filters open, ticks, stars and answer buttons: one column, 44px targets
    page.click("#incoming .pager a[rel=next]")
    page.wait_for_url("**page=2*")
    assert "country=NO" in page.url and cards(page).count() == 74 + 1 - 50  # 75 in NO, one a meeting; plus Olaf

    star = cards(page).first
    kept_id = star.get_attribute("data-wish")
    star.locator("form.star button").click()
    wait_for(lambda: page.locator(f"[data-wish='{kept_id}'] form.star button").get_attribute("aria-pressed")
             == "true", 10, "the star shown as kept")
    page.goto("/e/lille/requests?kept=1")
    assert cards(page).count() == 1 and cards(page).first.get_attribute("data-wish") == kept_id

    page.goto("/e/lille/requests?country=DE&sort=name")
    chosen = [cards(page).nth(i).get_attribute("data-wish") for i in (0, 1)]
    for i in (0, 1):
        cards(page).nth(i).locator("label.tick input").check()
    page.click("#bulk button[value=selected]")
    page.wait_for_url("**/requests/decline")
    assert "Decline 2 requests?" in page.locator("h1").inner_text()
    assert store.entities(EVENT, Wish).get(chosen[0]).status is WishStatus.PENDING  # nothing before confirming
    page.click("#confirm-decline button.decline")
    page.wait_for_url("**/requests?country=DE&sort=name&done=declined*")
    assert all(store.entities(EVENT, Wish).get(w).status is WishStatus.DECLINED for w in chosen)
    assert all(page.locator(f"#incoming [data-wish='{w}']").count() == 0 for w in chosen)
    assert ids[0] not in [c.get_attribute("data-wish") for c in cards(page).all()]
    context.close()


def _repairs(store: EventStore) -> list[Any]:
    return [r for r in RunStore(store.client).records(EVENT).all() if is_repair(r.id)]


@pytest.mark.parametrize("undo_in_time", [True, False], ids=["undo", "too-late"])
def test_buyer_decline_undo_window(browser: Any, live_server: WebProcess, store: EventStore, redis_url: str,
                                   undo_in_time: bool) -> None:
    ids = crowded_market(store, 20)
    meeting = ids[0]
    context = signed_in_context(browser, live_server, redis_url, EVENT, "b1", phone=True)
    page = context.new_page()
    page.goto("/e/lille/agenda")
    card = page.locator(f"#proposed [data-meeting='{meeting}']")
    declined_at = time.time()
    card.get_by_role("button", name="Decline the meeting with Paula Producer, Pierre Colleague (Lille Films)").click()
    bar = page.locator(f".undo-bar[data-meeting='{meeting}']")
    bar.wait_for(state="visible", timeout=10_000)
    assert "Paula Producer" in bar.inner_text()
    assert store.entities(EVENT, Wish).get(meeting).status is WishStatus.DECLINED  # written at once
    page.locator(f"#proposed [data-meeting='{meeting}']").wait_for(state="detached", timeout=10_000)
    if undo_in_time:
        bar.get_by_role("button", name="Undo the decline of the meeting with Paula Producer, Pierre Colleague")\
            .click()
        page.locator(f"#proposed [data-meeting='{meeting}']").wait_for(state="visible", timeout=10_000)
        page.locator("#toast[role=status]", has_text="Undone: the meeting is back").wait_for(timeout=10_000)
        assert store.entities(EVENT, Wish).get(meeting).status is WishStatus.PENDING
        assert store.entities(EVENT, Meeting).get(meeting).status is MeetingStatus.PROPOSED
    else:
        bar.wait_for(state="detached", timeout=(UNDO_SECONDS + 10) * 1000)  # gone once the window closed
        csrf = page.locator("input[name=csrf]").first.get_attribute("value")
        status = page.evaluate("""([path, csrf]) => fetch(path, {method: "POST", body: new URLSearchParams({csrf}),
                                    headers: {"Accept": "text/html"}}).then(r => r.status)""",
                               [f"/e/lille/meetings/{meeting}/undo", csrf])
        assert status == 409
        repair = wait_for(lambda: next((r for r in _repairs(store) if r.status is RunStatus.FINISHED), None), 90,
                          "a finished repair run")
        assert repair.created_at >= declined_at + UNDO_SECONDS - 0.5  # the slot was held for the window
        page.reload()
        assert page.locator(f"[data-wish='{meeting}']").count() == 0  # never back as a request
        assert store.entities(EVENT, Wish).get(meeting).status is WishStatus.DECLINED
    context.close()
