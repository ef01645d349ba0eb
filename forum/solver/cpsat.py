"""Running CP-SAT under a deadline, with cancellation polled from another thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model


class Clock:
    """The solve's deadline and the caller's stop request, checked by every phase."""

    def __init__(self, seconds: float, should_stop: Callable[[], bool] | None = None) -> None:
        self.started = time.monotonic()
        self.deadline = self.started + seconds
        self._should_stop = should_stop
        self.cancelled = False

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def stop(self) -> bool:
        if not self.cancelled and self._should_stop is not None and self._should_stop():
            self.cancelled = True
        return self.cancelled or time.monotonic() >= self.deadline


def run(model: cp_model.CpModel, seconds: float, clock: Clock, workers: int = 1, seed: int = 0,
        stop_after_first: bool = False) -> tuple[cp_model.CpSolver, Any]:
    """Solve within min(seconds, time left); a watcher thread stops the search on cancellation."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(0.05, min(seconds, clock.left()))
    p.num_workers = max(1, workers)
    p.random_seed = seed
    p.stop_after_first_solution = stop_after_first
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if clock.stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        status = solver.solve(model)
    finally:
        done.set()
        watcher.join()
    return solver, status
