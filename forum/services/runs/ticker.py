"""The running run's pulse: heartbeat, stop-flag polling and a progress report every second, in a thread."""

from __future__ import annotations

import threading
import time
from dataclasses import asdict
from typing import Any

from forum.services import notify
from forum.solver import FIRST_SCHEDULE, Progress
from forum.store.connection import Client, StoreError
from forum.store.flags import HEARTBEAT_EVERY, Flags
from forum.store.runs import RunStore

POLL = 0.2  # stop flag checks: cancel must take effect within a second


class Ticker:
    """Runs beside the solver; the solver's callbacks only touch memory, never Redis."""

    def __init__(self, client: Client, event: str, run: str, time_limit: float) -> None:
        self.client, self.event, self.run, self.time_limit = client, event, run, time_limit
        self.flags, self.runs = Flags(client), RunStore(client)
        self.stop_requested = threading.Event()
        self._done = threading.Event()
        self._now = threading.Event()
        self._first: dict[str, Any] | None = None
        self._started = time.monotonic()
        self._latest: dict[str, Any] = {"value": 0, "bound": None, "gaps": 0, "met": 0, "phase": "starting"}
        self._thread = threading.Thread(target=self._loop, name=f"ticker-{run}", daemon=True)

    def __enter__(self) -> Ticker:
        self.flags.beat(self.event, self.run)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(5)
        try:
            if self._now.is_set():
                self.report(self._first)
            self.report()  # the curve ends where the run ended, even for runs shorter than a tick
        except StoreError:
            pass

    def on_progress(self, progress: Progress) -> None:
        self._latest = asdict(progress)
        if progress.phase == FIRST_SCHEDULE:
            # Organizers see the first complete schedule at the next poll, not the next beat, and as such even
            # when later phases have reported by then.
            self._first = self._latest
            self._now.set()

    def should_stop(self) -> bool:
        return self.stop_requested.is_set()

    def report(self, latest: dict[str, Any] | None = None) -> None:
        point = {**(latest or self._latest), "elapsed": round(time.monotonic() - self._started, 2)}
        self.runs.add_progress(self.event, self.run, point)
        notify.to_organizers(self.client, self.event, {"type": "run.progress", "run": self.run,
                                                       "time_limit": self.time_limit, **point})

    def _loop(self) -> None:
        next_report = 0.0
        while not self._done.wait(POLL):
            try:
                if self.flags.stop_requested(self.event, self.run):
                    self.stop_requested.set()
                if self._now.is_set():
                    self._now.clear()
                    self.report(self._first)
                if time.monotonic() >= next_report:
                    next_report = time.monotonic() + HEARTBEAT_EVERY
                    self.flags.beat(self.event, self.run)
                    self.report()
            except StoreError:
                continue  # a blip: the heartbeat's TTL covers a few missed beats
