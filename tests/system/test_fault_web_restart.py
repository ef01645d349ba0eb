"""A web process killed under 200 open sockets and restarted on its port: every phone reconnects and catches up.

The phones speak live.js's protocol (forum/web/static/live.js): remember the id of every frame but pings,
reconnect after a close with `?last=<that id>` and a doubling, jittered backoff. The schedule is published
while the web process is down; each phone must get its own change by replay once it is back.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    Placement,
    RunStatus,
    Schedule,
    Slot,
    SolverRun,
    Window,
    Wish,
)
from forum.services.runs.publish import publish_run
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.web.auth import SESSION_COOKIE
from tests.live import start_web

EVENT = "fault-web"
PHONES = 200
FIRST_BACKOFF, MAX_BACKOFF, SLOW = 1.0, 30.0, 4008  # live.js: 1 s doubling to 30 s; 4008 reconnects at once
DEADLINE = 60.0

pytestmark = pytest.mark.fault


class Phone:
    """One attendee's live.js, in Python."""

    def __init__(self, ws_url: str, origin: str, cookie: str) -> None:
        self.ws_url, self.origin, self.cookie = ws_url, origin, cookie
        self.last: str | None = None
        self.frames: list[dict[str, Any]] = []
        self.opened = 0
        self.connected = False

    def url(self) -> str:
        return self.ws_url + (f"?last={self.last}" if self.last else "")

    async def run(self) -> None:
        backoff = FIRST_BACKOFF
        while True:
            code = None
            try:
                async with connect(self.url(), compression=None, open_timeout=10,
                                   additional_headers={"Origin": self.origin,
                                                       "Cookie": f"{SESSION_COOKIE}={self.cookie}"}) as ws:
                    self.opened, self.connected, backoff = self.opened + 1, True, FIRST_BACKOFF
                    async for text in ws:
                        self._receive(json.loads(text))
                    code = ws.close_code
            except (TimeoutError, OSError, WebSocketException):
                pass
            self.connected = False
            await asyncio.sleep(0 if code == SLOW else backoff * (0.5 + random.random()))
            backoff = min(backoff * 2, MAX_BACKOFF)

    def _receive(self, frame: dict[str, Any]) -> None:
        if frame["type"] == "ping":
            return
        self.last = frame["id"]
        self.frames.append(frame)

    def hellos(self) -> list[dict[str, Any]]:
        return [f for f in self.frames if f["type"] == "hello"]

    def changes(self) -> list[dict[str, Any]]:
        return [f for f in self.frames if f["type"] == "schedule.changed"]


def event_with_draft(store: EventStore) -> None:
    """100 producer-buyer meetings proposed at 9:00; a finished run's draft moves every one to 9:30."""
    day = datetime(2026, 3, 24, 9, 0)
    slots = tuple(Slot(f"s{i}", Window(day + timedelta(minutes=30 * i), day + timedelta(minutes=30 * i + 30)))
                  for i in range(2))
    pairs = PHONES // 2
    people = tuple(Attendee(f"a{i}", f"Attendee {i}", role="buyer" if i % 2 else "producer") for i in range(PHONES))
    wishes = tuple(Wish(f"w{i}", f"a{2 * i}", f"a{2 * i + 1}") for i in range(pairs))
    inst = Instance(Event(EVENT, "Restart market"), slots, tuple(Location(f"T{i}") for i in range(pairs)), people,
                    wishes, previous=tuple(Placement(f"w{i}", "s0", f"T{i}") for i in range(pairs)))
    store.import_instance(inst)
    RunStore(store.client).records(EVENT).put(SolverRun("run-1", EVENT, RunStatus.FINISHED, created_at=time.time()))
    draft = Schedule(tuple(replace(p, slot="s1") for p in inst.previous))
    ScheduleStore(store.client).save_draft(EVENT, "run-1", draft)


async def until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {DEADLINE:.0f} s"
        await asyncio.sleep(0.05)


async def test_fault_web_killed_under_200_sockets_all_reconnect_and_catch_up(store: EventStore, redis_url: str,
                                                                            tmp_path: Path) -> None:
    event_with_draft(store)
    web = await asyncio.to_thread(start_web, redis_url, tmp_path)
    port = int(web.url.rsplit(":", 1)[1])
    ws_url = web.url.replace("http://", "ws://") + f"/ws/{EVENT}"
    phones = [Phone(ws_url, web.url, create_session(store.client, EVENT, f"a{i}")) for i in range(PHONES)]
    tasks = [asyncio.create_task(p.run()) for p in phones]
    try:
        await until(lambda: all(p.hellos() for p in phones), "every phone connected")
        web.process.kill()  # kill -9: no close frames, no goodbye
        await asyncio.to_thread(web.process.wait, 10)
        await until(lambda: not any(p.connected for p in phones), "every phone noticed")
        summary = await asyncio.to_thread(publish_run, store.client, EVENT, "run-1")  # while they are offline
        assert summary["moved"] == PHONES // 2
        restarted = time.monotonic()
        web = await asyncio.to_thread(start_web, redis_url, tmp_path, port)
        await until(lambda: all(p.changes() and len(p.hellos()) == 2 for p in phones), "every phone caught up")
        print(f"\n{PHONES} phones reconnected and caught up {time.monotonic() - restarted:.1f} s after the restart "
              f"began; connections opened {sum(p.opened for p in phones)}")
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.to_thread(web.stop)
    for i, p in enumerate(phones):
        (change,) = p.changes()  # exactly once: replayed, not also pushed live
        assert change["changes"] == [{"wish": f"w{i // 2}", "change": "moved", "slot": "s1", "location": f"T{i // 2}"}]
        assert p.hellos()[-1]["replayed"] == 1 and p.opened == 2
