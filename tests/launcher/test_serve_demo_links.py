"""`forum serve --demo` as a real process prints links that sign in, and the demo starts on the day asked."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import httpx

from forum.launcher.valkey import free_port
from tests.live import web_answers
from tests.waiting import wait_for

LINK = re.compile(r"^\s+(\S+)\s+(organizer|producer|buyer)\s+.*\s(http://\S+/signin/\S+)$")


def _links(proc: subprocess.Popen[str]) -> list[tuple[str, str, str]]:
    """The printed (event, role, link) lines; they come before the web app starts."""
    assert proc.stdout is not None
    found: list[tuple[str, str, str]] = []
    for line in proc.stdout:
        hit = LINK.match(line.rstrip("\n"))
        if hit:
            found.append((hit[1], hit[2], hit[3]))
        if len(found) == 6:
            break
    return found


def _sign_in(browser: httpx.Client, link: str) -> httpx.Response:
    form = browser.get(link)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert form.status_code == 200 and csrf
    return browser.post(link, data={"csrf": csrf[1]}, follow_redirects=True)


def test_serve_demo_prints_links_that_sign_in_and_starts_on_the_demo_date(tmp_path: Path) -> None:
    port, first = free_port(), date.today() + timedelta(days=1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_DATA_DIR"] = str(tmp_path / "var")
    proc = subprocess.Popen([sys.executable, "-m", "forum", "serve", "--port", str(port), "--demo",
                             "--demo-date", first.isoformat(), "--workers", "0"],
                            env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        links = _links(proc)
        assert sorted((e, r) for e, r, _ in links) == sorted(
            (e, r) for e in ("inspiration-tour-2026", "series-mania-2026") for r in ("buyer", "organizer", "producer"))
        wait_for(lambda: web_answers(f"http://127.0.0.1:{port}"), timeout=60, what="forum serve answers")
        for event, role, link in links:
            with httpx.Client(timeout=20) as browser:
                page = _sign_in(browser, link)
                assert page.status_code == 200, page.text[:300]
                landing = f"/e/{event}/organizer" if role == "organizer" else f"/e/{event}/agenda"
                assert page.url.path == landing
                if role == "organizer":  # the event's days were moved to the day asked
                    setup = browser.get(f"http://127.0.0.1:{port}/e/{event}/organizer/setup")
                    assert first.isoformat() in setup.text and "2026-03-24" not in setup.text
        with httpx.Client(timeout=20) as browser:
            again = _sign_in(browser, links[0][2])  # each link works once
        assert again.status_code >= 400
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
