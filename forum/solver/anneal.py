"""Simulated annealing on idle gaps with Kempe-chain swaps: escapes the local optima compaction stops in."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from forum.solver.compact import GapSearch
from forum.solver.params import Weights
from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable


def _restore(tt: Timetable, best: dict[int, int]) -> None:
    for wi in [w for w in tt.met() if w not in tt.locked]:
        tt.remove(wi)
    for wi, s in best.items():
        tt.place(wi, s)


def _try(search: GapSearch, rng: random.Random, wi: int, temperature: float) -> int:
    """One random Kempe swap of meeting wi within its day; returns the cost change it kept (0 if undone)."""
    tt, fest = search.tt, search.fest
    s1 = tt.at[wi]
    options = bit_list(fest.usable[wi] & fest.day_mask[fest.day_of[s1]] & ~(1 << s1))
    if not options:
        return 0
    s2 = rng.choice(options)
    chain = search._chain(wi, s1, s2)
    if chain is None:
        return 0
    n1 = sum(1 for m in chain if tt.at[m] == s1)
    n2 = len(chain) - n1
    if len(tt.in_slot[s2]) - n2 + n1 > fest.table_cap[s2] or len(tt.in_slot[s1]) - n1 + n2 > fest.table_cap[s1]:
        return 0
    days = {fest.day_of[s1]}
    before = search.cost(chain, days)
    search._flip(chain, s1, s2)
    if tt.over_budget():  # the moves budget is a hard limit, at any temperature
        search._flip(chain, s1, s2)
        return 0
    delta = search.cost(chain, days) - before
    if delta <= 0 or rng.random() < math.exp(-delta / temperature):
        return delta
    search._flip(chain, s1, s2)
    return 0


def anneal(fest: Festival, tt: Timetable, weights: Weights, seconds: float, stop: Callable[[], bool],
           seed: int = 0) -> int:
    """Kempe swaps at a falling temperature for `seconds`; keeps the best timetable seen. Returns gain."""
    # Setting up the search takes a quarter second at scale: none of it once the run is stopped.
    if not fest.simple_slots or seconds <= 0.05 or stop():
        return 0
    rng = random.Random(seed)
    search = GapSearch(fest, tt, weights)
    movable = [wi for wi in tt.met() if wi not in tt.locked]
    if not movable:
        return 0
    current = best_cost = 0
    best = {wi: tt.at[wi] for wi in movable}
    # Nothing left to gain once every gap is closed and every published meeting is back in place.
    floor = -search.cost(movable, set(range(fest.n_days)))
    started = time.monotonic()
    # Mostly a random walk on equal-cost plateaus: hotter walks drift away faster than they come back.
    hot, cold = 0.15 * max(1, weights.gaps), 0.05 * max(1, weights.gaps)
    for k in range(10**9):
        if k % 100 == 0:  # a try can take milliseconds at scale: look at the clock often enough to stop quickly
            done = (time.monotonic() - started) / seconds
            if done >= 1 or best_cost <= floor or stop():
                break
            temperature = hot * (cold / hot) ** done
        current += _try(search, rng, rng.choice(movable), temperature)
        if current < best_cost:
            best_cost = current
            best = {wi: tt.at[wi] for wi in movable}
    _restore(tt, best)
    return -best_cost
