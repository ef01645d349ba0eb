"""End to end: a decline on a phone, a real worker's sweeper repairs once the undo window closes, and the
person who gets the freed place hears of it on their live socket."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

from forum.domain import Attendee, Event, Instance, Location, MeetingStatus, Placement, Slot, Wish
from forum.services.attendees.agenda import decline
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.store.schedule import ScheduleStore
from forum.web.auth import SESSION_COOKIE
from tests.factories import window
from tests.live import WebProcess, WorkerProcess, start_web, start_worker
from tests.waiting import wait_for


def market() -> Instance:
    """b1 is there 9:00-10:00 and meets p1 at 9:00 and p2 at 9:30; p3 waits for a time with b1."""
    people = (Attendee("b1", "Buyer", role="buyer", available=(window(9, 10),)),
              *(Attendee(f"p{i}", f"Producer {i}", role="producer") for i in range(1, 4)))
    wishes = (Wish("w-p1", "p1", "b1"), Wish("w-p2", "p2", "b1"), Wish("w-p3", "p3", "b1", 3))
    slots = tuple(Slot(f"s{i}", window(9 + i / 2, 9.5 + i / 2)) for i in range(4))
    return Instance(Event("live", "Live"), slots, (Location("T1"),), people, wishes,
                    previous=(Placement("w-p1", "s0", "T1"), Placement("w-p2", "s1", "T1")))


@pytest.fixture
def processes(redis_url: str, tmp_path: Path) -> Iterator[tuple[WebProcess, WorkerProcess]]:
    web, worker = start_web(redis_url, tmp_path), start_worker(redis_url, tmp_path)
    yield web, worker
    worker.stop()
    web.stop()


@contextmanager
def phone(store: EventStore, web: WebProcess, who: str) -> Iterator[ClientConnection]:
    cookie = create_session(store.client, "live", who)
    with connect(web.url.replace("http://", "ws://") + "/ws/live", compression=None,
                 additional_headers={"Origin": web.url, "Cookie": f"{SESSION_COOKIE}={cookie}"}) as ws:
        wait_for(lambda: next_frame(ws).get("type") == "hello", timeout=10, what="the socket's hello")
        yield ws


def next_frame(ws: ClientConnection) -> dict[str, Any]:
    try:
        return dict(json.loads(ws.recv(timeout=0.2)))
    except TimeoutError:
        return {}


def test_decline_is_repaired_published_and_pushed_to_who_gets_the_place(
        store: EventStore, processes: tuple[WebProcess, WorkerProcess]) -> None:
    store.import_instance(market())
    web, _ = processes
    with phone(store, web, "p3") as ws:
        decline(store.client, "live", "b1", "w-p1")  # the repair waits for the ten-second undo window

        def added() -> dict[str, Any] | None:
            frame = next_frame(ws)
            return frame if frame.get("type") == "schedule.changed" else None

        pushed = wait_for(added, timeout=60, what="schedule.changed on p3's phone")
    assert pushed["changes"] == [{"wish": "w-p3", "change": "added", "slot": "s0", "location": "T1"}]
    schedules = ScheduleStore(store.client)
    assert (schedules.published_run("live") or "").startswith("repair-")
    meetings = {m.wish: (m.slot, m.status) for m in schedules.meetings("live")}
    assert meetings == {"w-p1": ("s0", MeetingStatus.DECLINED), "w-p2": ("s1", MeetingStatus.PROPOSED),
                        "w-p3": ("s0", MeetingStatus.PROPOSED)}
