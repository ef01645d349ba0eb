"""Helpers for the attendee browser tests: a livelier market, solver runs through the real worker, screenshots."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from forum.domain import (
    Location,
    LocationKind,
    PitchSession,
    Project,
    RunStatus,
    Slot,
    SlotKind,
    SolverRun,
    Window,
    Wish,
)
from forum.services.runs.lifecycle import start_run
from forum.services.runs.publish import publish_run
from forum.services.runs.registry import open_queue
from forum.store import EventStore
from forum.store.requests import built_key
from forum.store.runs import RunStore
from tests.web.attendee.market import DAY1, EVENT, load

# Where the README's screenshots are refreshed: `SCREENSHOTS_DIR=docs/screenshots pytest tests/browser`.
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")


def busy_market(store: EventStore) -> None:
    """The test market plus a few more requests, so the buyer's phone shows a realistic day."""
    load(store)
    more = (Wish("w-ben", "p3", "b2", 10), Wish("w-pierre", "p2", "b2", 3, message="Comedy slate for 2031"))
    store.entities(EVENT, Wish).put(*more)
    start = DAY1.replace(hour=14)
    store.entities(EVENT, Slot).put(Slot("pitch-1", Window(start, start + timedelta(minutes=15)), SlotKind.PITCH))
    store.entities(EVENT, Location).put(Location("R1", LocationKind.ROOM, "Pitch room", "Hall B"))
    store.entities(EVENT, PitchSession).put(PitchSession("ps1", "R1", ("b1", "b2"), ("pitch-1",), "Drama"))
    store.entities(EVENT, Project).put(Project("pr1", "Les Mines", ("p1",)))
    store.client.delete(built_key(EVENT))  # the by-person index is rebuilt on the next read


def solve_and_publish(store: EventStore, redis_url: str, timeout: float = 90) -> SolverRun:
    """Start a run on the queue the live worker serves, wait until it finishes, publish it."""
    jobs = open_queue(redis_url, "forum")
    try:
        run = start_run(store.client, jobs, EVENT, 3)
    finally:
        jobs.close()
    deadline = time.monotonic() + timeout
    while True:
        found = RunStore(store.client).get(EVENT, run.id)
        if found.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"run {run.id} still {found.status.value} after {timeout}s")
        time.sleep(0.2)
    assert found.status is RunStatus.FINISHED, found
    publish_run(store.client, EVENT, run.id)
    return found


# What a thumb taps on a phone page: each must be at least 44px high.
TAPPABLE = ("main button, main .button, header a, main label.choice, main select, "
            "main input:not([type=hidden]):not(label.choice input)")  # a choice label is the target of its box


def check_phone_layout(page: Any) -> None:
    """One column without sideways scrolling, and tap targets of 44px or more."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
             .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
             .map(e => e.outerHTML.slice(0, 80))""", TAPPABLE)
    assert not small, f"{page.url}: tap targets under 44px: {small}"


def shot(page: Any, name: str, tmp: Path, full_page: bool = True) -> Path:
    """Screenshot into the test's directory, and into SCREENSHOTS_DIR when asked to refresh the docs."""
    if name != "print":
        check_phone_layout(page)
    # The toast is fixed to the screen: in a full-page shot it would float over the middle.
    page.evaluate("document.querySelectorAll('.toast').forEach(t => t.classList.add('hidden'))")
    target = Path(SHOTS) if SHOTS else tmp
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"attendee-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
