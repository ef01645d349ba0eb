"""A producer's phone: why the published schedule leaves a request out, live, and what would help."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from forum.domain import Attendee, Importance, Schedule, Unscheduled, Why, WhyCode, Wish
from forum.services.attendees.requests import NewRequest, create_request
from forum.store import EventStore
from forum.store.requests import RequestStore
from forum.store.schedule import ScheduleStore
from tests.browser.attendee_fixtures import shot, solve_and_publish
from tests.browser.conftest import signed_in_context
from tests.live import WebProcess
from tests.web.attendee.market import EVENT, market
from tests.web.attendee.reason_cases import OTHER, hours, people, publish

WAIT = 30_000  # ms: the test waits for states, never for time


def reasons_market(store: EventStore) -> None:
    """Paula asks Bea (one meeting a day, taken by a must-meet request of Olaf's), Ben (met) and Carla (never
    free when Paula is); Bea has a colleague, Nina, free on Tuesday."""
    extra = (Attendee("b3", "Nina Nordic", "Nordic TV", "buyer", "Acquisitions", "DK", available=(hours(0, 9, 11),)),
             Attendee("b4", "Carla Conti", "Arte", "commissioner", country="FR", available=(hours(1, 10, 11),)),
             Attendee("b5", "Dan Fonds", "Lumen Capital", "financier", country="BE"))
    attendees = people(p1={"available": (hours(0, 9, 11), hours(1, 9, 10))},
                       b1={"available": (hours(0, 9, 11),), "max_per_day": 1})
    wishes = (OTHER, Wish("w-bea", "p1", "b1", 3, ("p2",), message="Les Mines, season 2"),
              Wish("w-ben", "p1", "b2", 10), Wish("w-carla", "p1", "b4", 3))
    store.import_instance(replace(market(), attendees=(*attendees, *extra), wishes=wishes))
    RequestStore(store.client, EVENT).sent("p1")


def test_producer_reads_why_live_and_what_would_help(browser: Any, live_server: WebProcess, store: EventStore,
                                                     redis_url: str, tmp_path: Path) -> None:
    reasons_market(store)
    run = solve_and_publish(store, redis_url)  # through the real worker, as organizers do
    create_request(store.client, EVENT, "p1", NewRequest("b5", Importance.IF_POSSIBLE))  # after the run
    context = signed_in_context(browser, live_server, redis_url, EVENT, "p1", phone=True)
    page = context.new_page()
    page.goto("/e/lille/requests")
    page.evaluate("window.notReloaded = true")
    bea = page.locator("#sent [data-wish='w-bea'] .why")
    assert "Bea Buyer's days are full (one meeting a day)." in bea.inner_text()
    assert "Olaf" not in page.locator("#sent").inner_text()  # never the other requester
    assert "no free time in common" in page.locator("#sent [data-wish='w-carla']").inner_text()
    shot(page, "requests-reasons", tmp_path)

    # A later publish gives Bea's request another reason: the phone reads it without a reload.
    draft = ScheduleStore(store.client).draft(EVENT, run.id)
    assert draft is not None
    later = Schedule(draft.meetings, draft.pitches, tuple(
        Unscheduled(u.wish, "taken", Why(WhyCode.LOST_TO_OTHERS, ("b1",))) if u.wish == "w-bea" else u
        for u in draft.unscheduled))
    publish(store, later)
    page.locator("#sent [data-wish='w-bea'] .why", has_text="Bea Buyer's free time went to other meetings.") \
        .wait_for(timeout=WAIT)
    assert page.evaluate("window.notReloaded")

    page.locator("#sent [data-wish='w-bea'] .help-link a").tap()
    page.wait_for_url("**/people/b1#why")
    assert "A colleague of Bea Buyer (Nina Nordic, same company) has free slots on Tuesday." in page.inner_text(
        "#why")
    shot(page, "person-what-would-help", tmp_path)
    context.close()
