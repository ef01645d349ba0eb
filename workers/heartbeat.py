"""A thread in every worker: beats every few seconds so health checks and the console know a worker is alive."""

from __future__ import annotations

import logging
import threading

from forum.services.connections import StoreError, connect
from forum.services.workers import BEAT_EVERY, WorkerBeat

log = logging.getLogger("forum.worker")


def beat_forever(beat: WorkerBeat, stop: threading.Event) -> None:
    failing = False
    while True:
        try:
            beat.beat()
            if failing:
                log.info("heartbeat restored")
            failing = False
        except (StoreError, OSError) as exc:
            if not failing:  # once per outage, not every beat
                log.warning("heartbeat failed, retrying: %s", exc)
            failing = True
        if stop.wait(BEAT_EVERY):
            break
    try:
        beat.forget()
    except (StoreError, OSError):
        pass  # the key expires by itself


def start_heartbeat(redis_url: str, queue_name: str) -> tuple[threading.Event, threading.Thread]:
    """Beat now and every BEAT_EVERY seconds in a thread; set the returned event to stop (and leave the list)."""
    beat, stop = WorkerBeat(connect(redis_url), queue_name), threading.Event()
    thread = threading.Thread(target=beat_forever, args=(beat, stop), name="heartbeat", daemon=True)
    thread.start()
    return stop, thread
