"""axe-core on every attendee and organizer page: no critical or serious accessibility violation.

The pages are enumerated from the app's routes, so a new page is checked as soon as it exists; attendee
pages on a phone viewport, the console on a desk screen, sign-in and error pages as someone not signed in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import httpx
import pytest
from starlette.routing import Mount, Route

from forum.config import Settings
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.web import create_app
from forum.web.auth import SESSION_COOKIE
from tests.browser.conftest import PHONE
from tests.live import WebProcess
from tests.web.test_authorization_matrix import QUERIES, build, fill

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
DESK = {"width": 1280, "height": 900}
BLOCKING = ("critical", "serious")
# Not pages: machine endpoints, and a fragment organizer.js swaps into the run page (checked there).
NOT_PAGES = ("/healthz", "/metrics", "/api/", "/static", "/e/{event}/organizer/runs/{run}/live")
FILES = (".ics", ".csv", ".json", ".js", ".webmanifest")  # downloads and scripts, not pages
# Who opens each kind of page: (attendee or None for nobody signed in, phone viewport).
ATTENDEES = (("p1", True), ("b1", True))
ORGANIZER = (("o1", False),)
NOBODY = ((None, True),)


def page_patterns() -> list[str]:
    """Every GET route of the app that answers a page."""
    found = []
    for route in create_app(Settings(redis_url="redis://unused", secret_key="x")).routes:
        if isinstance(route, Route) and "GET" in (route.methods or ()) and not isinstance(route, Mount):
            if not any(route.path.startswith(p) for p in NOT_PAGES) and not route.path.endswith(FILES):
                found.append(route.path)
    return sorted(found)


def viewers_of(pattern: str) -> tuple[tuple[str | None, bool], ...]:
    if pattern.startswith("/e/{event}/organizer"):
        return ORGANIZER
    return ATTENDEES if pattern.startswith("/e/{event}") else NOBODY


CASES = [(pattern, who, phone) for pattern in page_patterns() for who, phone in viewers_of(pattern)]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE.read_text("utf-8")


@pytest.fixture
def market(live_server: WebProcess, store: EventStore) -> Iterator[dict[str, str]]:
    params, _, _ = build(store)
    yield params


def _context(browser: Any, server: WebProcess, store: EventStore, who: str | None, phone: bool) -> Any:
    options: dict[str, Any] = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else \
        {"viewport": DESK}
    context = browser.new_context(base_url=server.url, bypass_csp=True, **options)  # axe is injected
    if who is not None:
        cookie = create_session(store.client, "lille", who)
        context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": server.url}])
    return context


def _kind(server: WebProcess, path: str, cookies: list[dict[str, Any]]) -> str:
    """What the route answers, asked first without a browser: a page must be HTML (a download would make the
    browser save a file instead of showing something axe can check)."""
    jar = {c["name"]: c["value"] for c in cookies}
    return httpx.get(server.url + path, cookies=jar, follow_redirects=True, timeout=20).headers["content-type"]


def _blocking(found: dict[str, Any]) -> list[str]:
    return [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:5]}"
            for v in found["violations"] if v.get("impact") in BLOCKING]


@pytest.mark.parametrize(("pattern", "who", "phone"), CASES)
def test_page_has_no_critical_or_serious_axe_violation(browser: Any, live_server: WebProcess, store: EventStore,
                                                      market: dict[str, str], axe_source: str, pattern: str,
                                                      who: str | None, phone: bool) -> None:
    path = fill(pattern, market) + QUERIES.get(pattern, "")
    context = _context(browser, live_server, store, who, phone)
    try:
        kind = _kind(live_server, path, context.cookies())
        assert kind.startswith("text/html"), f"{path} answers {kind}: add it to FILES or NOT_PAGES if not a page"
        page = context.new_page()
        answer = page.goto(path)
        assert answer is not None and answer.status < 500, f"{path}: {answer and answer.status}"
        page.add_script_tag(content=axe_source)
        found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        problems = _blocking(found)
        assert not problems, f"{path} as {who or 'nobody'}:\n" + "\n".join(problems) + "\n" + json.dumps(
            [v for v in found["violations"] if v.get("impact") in BLOCKING], indent=1)[:4000]
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/e/lille/nowhere", "/signin/not-a-token"])
def test_error_page_has_no_critical_or_serious_axe_violation(browser: Any, live_server: WebProcess,
                                                            store: EventStore, market: dict[str, str],
                                                            axe_source: str, path: str) -> None:
    context = _context(browser, live_server, store, None, True)
    try:
        page = context.new_page()
        page.goto(path)
        page.add_script_tag(content=axe_source)
        problems = _blocking(page.evaluate("axe.run(document, {resultTypes: ['violations']})"))
        assert not problems, f"{path}:\n" + "\n".join(problems)
    finally:
        context.close()


def test_confirmation_page_has_no_critical_or_serious_axe_violation(browser: Any, live_server: WebProcess,
                                                                   store: EventStore, market: dict[str, str],
                                                                   axe_source: str) -> None:
    """The confirmation step is the answer to a POST, not a route of its own: reached by the publish button."""
    context = _context(browser, live_server, store, "o1", False)
    try:
        page = context.new_page()
        page.goto(f"/e/lille/organizer/runs/{market['run']}")
        page.click("#publish-run")
        page.wait_for_selector("#confirm-form")
        page.add_script_tag(content=axe_source)
        problems = _blocking(page.evaluate("axe.run(document, {resultTypes: ['violations']})"))
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_every_page_route_is_checked() -> None:
    """The list comes from the routes: the console, the attendee pages and sign-in are all in it."""
    patterns = set(page_patterns())
    assert {"/e/{event}/organizer", "/e/{event}/organizer/attendees", "/e/{event}/organizer/compare",
            "/e/{event}/agenda", "/e/{event}/people/{attendee}", "/signin", "/"} <= patterns


def test_axe_check_finds_an_unlabelled_file_input_and_an_unnamed_progress_bar(
        browser: Any, live_server: WebProcess, store: EventStore, market: dict[str, str], axe_source: str) -> None:
    """The must-refuse side: the two violations found in the console before are reported as blocking."""
    context = _context(browser, live_server, store, "o1", False)
    try:
        page = context.new_page()
        page.goto("/e/lille/organizer/attendees")
        page.add_script_tag(content=axe_source)
        page.evaluate("""() => { const old = document.createElement('div');
            old.innerHTML = '<input type="file" name="attendees"><div role="progressbar" aria-valuenow="3"></div>';
            document.querySelector('main').appendChild(old); }""")
        problems = _blocking(page.evaluate("axe.run(document, {resultTypes: ['violations']})"))
        assert any(p.startswith("critical: label") for p in problems), problems
        assert any(p.startswith("serious: aria-progressbar-name") for p in problems), problems
    finally:
        context.close()
