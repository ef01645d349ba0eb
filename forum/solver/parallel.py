"""Annealing on both cores: a forked child searches one day while this process searches another.

Kempe swaps keep every meeting on its day, so caps, day counts and the other days' slots never change:
the child's day put back into this process's timetable gives a valid timetable again. With fewer days than
workers, both search the same day from different seeds and the better day is kept (a portfolio).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from forum.solver.anneal import anneal, movable_on
from forum.solver.params import Weights
from forum.solver.prep import Festival
from forum.solver.timetable import Timetable

Day = list[tuple[int, int]]  # (meeting, slot) of every movable meeting of the days a worker searched


def can_fork() -> bool:
    """Whether this process may fork a helper: a daemonic multiprocessing child may not have children."""
    return "fork" in mp.get_all_start_methods() and not mp.current_process().daemon


def _child(conn: Connection, fest: Festival, tt: Timetable, weights: Weights, days: set[int], seconds: float,
           halt: Any, seed: int, parent: int, movable: list[int]) -> None:
    """In the child: anneal the days until the time is up, the parent halts it or the parent is gone."""
    gc.disable()  # collections would touch, and so copy, every page of the parent's heap
    try:
        gain = anneal(fest, tt, weights, seconds, lambda: halt.is_set() or os.getppid() != parent, seed, days)
        conn.send((gain, [(wi, tt.at[wi]) for wi in movable]))
    finally:
        conn.close()


class Helper:
    """One forked child annealing some days of a copy of the timetable; always reaped by close()."""

    def __init__(self, fest: Festival, tt: Timetable, weights: Weights, days: set[int], seconds: float,
                 seed: int) -> None:
        ctx = mp.get_context("fork")
        self.halt = ctx.Event()
        self.days = days
        self.movable = movable_on(fest, tt, days)
        self.conn, child_end = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_child, daemon=True, name="forum-solver-helper",
                                args=(child_end, fest, tt, weights, days, seconds, self.halt, seed, os.getpid(),
                                      self.movable))
        self.proc.start()
        child_end.close()

    def result(self, wait: float) -> tuple[int, Day] | None:
        """The child's gain and its days' slots, or None when it sent nothing within `wait` seconds."""
        try:
            if self.conn.poll(max(0.0, wait)):
                got: tuple[int, Day] = self.conn.recv()
                return got
        except (EOFError, OSError):
            pass
        return None

    def collect(self, stop: Callable[[], bool], deadline: float) -> tuple[int, Day] | None:
        """Wait for the child's answer, looking at stop() ten times a second: on a cancel, or past the
        deadline, the child is halted and hands over its best so far at once. None when it died."""
        while True:
            got = self.result(0.1)
            if got is not None:
                return got
            if not self.proc.is_alive():
                return self.result(0.0)
            if stop() or time.monotonic() > deadline:
                self.halt.set()
                return self.result(1.0)

    def close(self) -> None:
        """Stop the child and wait for it; kill it when it does not stop within a second."""
        self.halt.set()
        self.proc.join(1.0)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def start_helpers(fest: Festival, tt: Timetable, weights: Weights, plans: list[set[int]], seconds: float,
                  seed: int) -> list[Helper]:
    """A helper per plan; fewer when the system refuses a fork (out of memory or processes): this process
    still searches its own day."""
    helpers: list[Helper] = []
    for k, days in enumerate(plans, start=1):
        try:
            helpers.append(Helper(fest, tt, weights, days, seconds, seed + k))
        except OSError:
            break
    return helpers


def put_back(fest: Festival, tt: Timetable, movable: list[int], day: Day) -> bool:
    """Give the movable meetings of the searched days the slots a worker found; False (and no change) when
    the answer does not fit this timetable, e.g. a meeting left its day."""
    if sorted(wi for wi, _ in day) != sorted(movable) or \
            any(tt.at[wi] < 0 or fest.day_of[tt.at[wi]] != fest.day_of[s] for wi, s in day):
        return False
    for wi, _ in day:
        tt.remove(wi)
    for wi, s in day:
        tt.place(wi, s)
    return True


def plan_round(n_days: int, workers: int, r: int, disjoint: bool = True) -> list[set[int]]:
    """The days each worker searches in round r: one day each, turning so every day gets the same share.
    All search the same day (a portfolio) when there are fewer days than workers, or when the days must not
    be searched apart (a moves budget counts the moves of all days together)."""
    if n_days < workers:
        return [set(range(n_days)) for _ in range(workers)]
    if not disjoint:
        return [{r % n_days} for _ in range(workers)]
    return [{(r * workers + k) % n_days} for k in range(workers)]


def search(fest: Festival, tt: Timetable, weights: Weights, seconds: float, stop: Callable[[], bool],
           seed: int, workers: int, after_round: Callable[[], bool]) -> int:
    """Rounds of annealing, `workers` days at once, for `seconds` or until stop() or after_round() says
    enough. Returns the rounds run."""
    until = time.monotonic() + seconds
    round_seconds = min(4.0, max(0.5, seconds / 5))
    r = 0
    while not stop() and (left := until - time.monotonic()) > 0.05:
        plan = plan_round(fest.n_days, workers if can_fork() else 1, r, disjoint=tt.budget is None)
        slice_ = min(round_seconds, left)
        helpers = start_helpers(fest, tt, weights, plan[1:], slice_, seed + 1000 * r)
        try:
            mine = movable_on(fest, tt, plan[0])
            gain = anneal(fest, tt, weights, slice_, stop, seed + 1000 * r, plan[0])
            for h in helpers:
                got = h.collect(stop, until + 1.0)
                if got is None:
                    continue
                if h.days != plan[0]:
                    put_back(fest, tt, h.movable, got[1])
                elif got[0] > gain and put_back(fest, tt, mine, got[1]):
                    gain = got[0]  # the portfolio: the child did better on the same day
        finally:
            for h in helpers:
                h.close()
        r += 1
        if after_round():
            break
    return r
