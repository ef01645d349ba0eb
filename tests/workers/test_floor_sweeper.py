"""The worker's sweeper announces a standby offer when a decline's undo window closes, not before."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from forum.services.attendees import agenda
from forum.store import EventStore
from forum.store.offers import DUE
from forum.store.streams import attendee_stream
from tests.live import start_worker
from tests.services.floor.market import EVENT, load, local_now
from tests.waiting import wait_for


def test_sweeper_tells_the_producers_once_the_decline_is_final(store: EventStore, redis_url: str,
                                                               tmp_path: Path) -> None:
    now = local_now().replace(second=0, microsecond=0)
    load(store, min(now + timedelta(minutes=20), now.replace(hour=23, minute=29)) - timedelta(minutes=30))
    worker = start_worker(redis_url, tmp_path)
    try:
        agenda.decline(store.client, EVENT, "b1", "w-meet")
        stream = attendee_stream(EVENT, "p2")
        assert store.client.xlen(stream) == 0 and store.client.zcard(DUE) == 1  # waits for the undo window
        def offers() -> list[object]:  # the repair run the decline asked for may tell p2 of its publish too
            return [m for _, f in store.client.xrange(stream) if (m := json.loads(f["d"]))["type"] == "floor.offer"]

        assert len(wait_for(offers, timeout=60, what="the offer announced")) == 1
        assert store.client.zcard(DUE) == 0
    finally:
        worker.stop()
