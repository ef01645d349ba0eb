"""Running CP-SAT under a deadline, with cancellation polled from another thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ortools.sat.python import cp_model


class Clock:
    """The solve's deadline and the caller's stop request, checked by every phase."""

    def __init__(self, seconds: float, should_stop: Callable[[], bool] | None = None) -> None:
        self.started = time.monotonic()
        self.deadline = self.started + seconds
        self._should_stop = should_stop
        self.cancelled = False
        self._asked = -1.0

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def stop(self) -> bool:
        now = time.monotonic()
        # should_stop may ask Redis: ask at most ten times a second, however often phases check.
        if not self.cancelled and self._should_stop is not None and now - self._asked >= 0.1:
            self._asked = now
            self.cancelled = bool(self._should_stop())
        return self.cancelled or now >= self.deadline


@contextmanager
def watching(clock: Clock, halt: Callable[[], object]) -> Iterator[None]:
    """Call `halt` from a watcher thread as soon as the clock runs out or the caller asks to stop."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if clock.stop():
                halt()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


class _Improvements(cp_model.CpSolverSolutionCallback):
    """Notes when the search last found a better solution."""

    def __init__(self) -> None:
        super().__init__()
        self.last: float | None = None

    def on_solution_callback(self) -> None:
        self.last = time.monotonic()


def solve_patiently(solver: cp_model.CpSolver, model: cp_model.CpModel, patience: float) -> Any:
    """solver.solve(model), stopped once a solution has stood `patience` seconds without a better one: on
    models whose bound stays weak, proving optimality would take the whole time limit for nothing."""
    seen = _Improvements()
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if seen.last is not None and time.monotonic() - seen.last > patience:
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return solver.solve(model, seen)
    finally:
        done.set()
        watcher.join()


def run(model: cp_model.CpModel, seconds: float, clock: Clock, workers: int = 1, seed: int = 0,
        stop_after_first: bool = False) -> tuple[cp_model.CpSolver, Any]:
    """Solve within min(seconds, time left); a watcher thread stops the search on cancellation."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(0.05, min(seconds, clock.left()))
    p.num_workers = max(1, workers)
    p.random_seed = seed
    p.stop_after_first_solution = stop_after_first
    with watching(clock, solver.stop_search):
        status = solver.solve(model)
    return solver, status
