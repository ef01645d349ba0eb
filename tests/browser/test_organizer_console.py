"""The organizer console in real Chromium: import the demo event, run twice, compare, publish, lock, move."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from forum.domain import Attendee, Event, Instance, Meeting
from forum.services.schedule.meeting_admin import move_problems
from forum.store import EventStore
from tests.browser.conftest import signed_in_context
from tests.live import WebProcess

EVENT = "inspiration-tour-2026"
SAMPLE = Path(__file__).resolve().parents[2] / "forum" / "data" / "inspiration-tour-2026.json"
DESKTOP = {"width": 1360, "height": 900}
RUN_WAIT = 90_000  # ms: a 3 s run, plus worker start and instance building on a busy 2-core machine
# Before any page script: note the live socket's state and every pushed message type.
LISTEN = """
window.__live = 'closed'; window.__events = [];
document.addEventListener('forum:live', function (e) { window.__live = e.detail.state; });
document.addEventListener('forum:event', function (e) { window.__events.push(e.detail.type); });
"""


def _shell_event(store: EventStore) -> None:
    """An empty event with its organizer, as created before the organizer imports the programme."""
    organizer = Attendee("org1", "Festival Organizer", "Series Mania", "organizer")
    store.import_instance(Instance(Event(EVENT, "Inspiration Tour"), (), (), (organizer,), ()))


def _logs(folder: Path) -> str:
    return "\n".join(f"--- {f.name}\n{f.read_text()[-3000:]}" for f in sorted(folder.glob("*.log")))


def _start_run(page: Any, gaps: str, logs: Path) -> str:
    page.goto(f"/e/{EVENT}/organizer/runs")
    page.fill("#start-run input[name=time_limit]", "3")
    page.fill("#start-run input[name=gaps]", gaps)
    page.click("#start-run button[type=submit]")
    page.wait_for_url(lambda url: "/organizer/runs/run-" in url)
    run = page.url.rsplit("/", 1)[1]
    # The panel is swapped in place by organizer.js as the organizer stream reports progress: no reload.
    page.evaluate("window.__stayed = true")
    over = ", ".join(f'#run-live[data-status="{s}"]' for s in ("finished", "failed", "cancelled"))
    page.wait_for_selector(over, timeout=RUN_WAIT)
    status = page.get_attribute("#run-live", "data-status")
    assert status == "finished", f"{run} ended {status}: {page.inner_text('#run-live')}\n{_logs(logs)}"
    assert page.evaluate("window.__stayed === true")
    assert page.evaluate("window.__events.some(function (t) { return t.indexOf('run.') === 0; })")
    assert page.locator("#run-live svg polyline.value").count() == 1
    return run


def _free_spot(store: EventStore, meeting: Meeting) -> tuple[str, str]:
    """A slot and table where the validator accepts `meeting` (computed here, chosen in the browser)."""
    inst = store.export_instance(EVENT)
    meetings = store.entities(EVENT, Meeting).all()
    for slot in inst.slots:
        for table in inst.locations:
            moved = Meeting(meeting.id, meeting.wish, slot.id, table.id, meeting.status, True)
            if (slot.id, table.id) != (meeting.slot, meeting.location) and not move_problems(
                    inst, meetings, store.pitches(EVENT), moved):
                return slot.id, table.id
    raise AssertionError("no free spot in the demo event")


def test_organizer_runs_compares_publishes_and_edits(browser: Any, live_server: WebProcess, store: EventStore,
                                                     redis_url: str, tmp_path: Path) -> None:
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    _shell_event(store)
    context = signed_in_context(browser, live_server, redis_url, EVENT, "org1")
    context.set_default_timeout(30_000)
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_viewport_size(DESKTOP)

    page.goto(f"/e/{EVENT}")
    page.wait_for_url(lambda url: url.endswith("/organizer"))
    page.goto(f"/e/{EVENT}/organizer/setup")
    page.set_input_files("input[name=instance]", str(SAMPLE))
    page.check("#import-event input[name=confirm]")  # the import replaces the whole event: said, then ticked
    page.click("text=Import event")
    assert "Imported the event: 21 attendees" in page.inner_text(".banner.done")

    first = _start_run(page, "3", tmp_path)
    second = _start_run(page, "0", tmp_path)

    page.goto(f"/e/{EVENT}/organizer/runs")
    page.select_option("#compare-runs select[name=left]", first)
    page.select_option("#compare-runs select[name=right]", second)
    page.click("#compare-runs button[type=submit]")
    assert "value" in page.inner_text("#compare-figures") and "Producer" in page.inner_text("#compare-roles")
    page.screenshot(path=str(shots / "organizer-compare.png"), full_page=True)

    page.goto(f"/e/{EVENT}/organizer/runs/{second}")
    page.click("#publish-run")
    assert "meetings will be added" in page.inner_text("#confirm")  # what will happen, before it does
    page.click("#confirm-button")
    assert f"Published {second}" in page.inner_text(".banner.done")

    watcher = context.new_page()  # a second organizer screen, to see the change arrive live
    watcher.set_viewport_size(DESKTOP)
    watcher.goto(f"/e/{EVENT}/organizer/meetings")
    watcher.wait_for_function("window.__live === 'open'")
    page.goto(f"/e/{EVENT}/organizer/meetings")
    rows = page.locator("#meetings tr[data-meeting]")
    locked_id = rows.nth(0).get_attribute("data-meeting")
    rows.nth(0).locator("text=Lock").click()
    assert "lock done" in page.inner_text(".banner.done")
    assert "locked" in page.inner_text(f'tr[data-meeting="{locked_id}"]')
    watcher.wait_for_selector(f'tr[data-meeting="{locked_id}"] .lock')
    assert "lock" in watcher.inner_text("#live-note")

    other = page.locator("#meetings tr[data-meeting]").nth(1)
    mover, taken_slot, taken_table = (other.get_attribute(a) for a in ("data-meeting", "data-slot", "data-location"))
    victim = page.locator("#meetings tr[data-meeting]").nth(2)
    page.fill("#move-form input[name=meeting]", str(mover))
    page.select_option("#move-form select[name=slot]", str(victim.get_attribute("data-slot")))
    page.select_option("#move-form select[name=location]", str(victim.get_attribute("data-location")))
    page.click("#move-form button[type=submit]")
    assert "This move is refused" in page.inner_text(".banner.refused")
    assert store.entities(EVENT, Meeting).get(str(mover)).slot == taken_slot

    slot, table = _free_spot(store, store.entities(EVENT, Meeting).get(str(mover)))
    page.fill("#move-form input[name=meeting]", str(mover))
    page.select_option("#move-form select[name=slot]", slot)
    page.select_option("#move-form select[name=location]", table)
    page.click("#move-form button[type=submit]")
    assert f"moved to {slot} at {table}" in page.inner_text(".banner.done")
    assert (slot, table) != (taken_slot, taken_table)
    assert "move" in page.inner_text("#audit") and "lock" in page.inner_text("#audit")

    page.goto(f"/e/{EVENT}/organizer")
    assert page.locator("svg.chart").count() == 3
    page.screenshot(path=str(shots / "organizer-dashboard.png"), full_page=True)
    context.close()
