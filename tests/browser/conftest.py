"""Browser fixtures: a real uvicorn + worker on the test Valkey, and Debian's Chromium via Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from forum.services.signin.access import create_session
from forum.store import connect
from forum.web.auth import SESSION_COOKIE
from tests.live import WebProcess, start_web, start_worker

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.fixture
def live_server(redis_url: str, tmp_path: Path) -> Iterator[WebProcess]:
    web = start_web(redis_url, tmp_path)
    worker = start_worker(redis_url, tmp_path)
    yield web
    worker.stop()
    web.stop()


# One Chromium per test module, not per session: the sync Playwright driver keeps an event loop running
# in the main thread until it stops, which would break later async tests.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def signed_in_context(browser: Any, server: WebProcess, redis_url: str, event: str, attendee: str,
                      phone: bool = False) -> Any:
    """A browser context already signed in as `attendee` (sign-in itself has its own browser test)."""
    cookie = create_session(connect(redis_url), event, attendee)
    options: dict[str, Any] = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    context = browser.new_context(base_url=server.url, **options)
    context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": server.url}])
    return context
