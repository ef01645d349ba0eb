"""Simulated annealing on idle gaps with Kempe-chain swaps inside a day, aimed at idle runs and block edges."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from forum.solver.compact import GapSearch
from forum.solver.params import Weights
from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable

# Most swaps aim at a participant's idle run or the edge of their block: random ones mostly make gaps.
TARGETED = 0.95
# Most swaps start from a meeting of someone with an idle run that day; the list is made again this often.
FOCUS, REFRESH = 0.9, 20_000


class KempeWalk:
    """Kempe swaps within a day, scored before they are made: a swap changes the busy slots only of the
    people in exactly one of its meetings, so only their days are counted again."""

    def __init__(self, search: GapSearch, rng: random.Random) -> None:
        self.search, self.rng = search, rng
        self.tt, self.fest, self.w = search.tt, search.fest, search.w
        self.journal: list[tuple[list[int], int, int]] = []  # swaps kept since the best timetable seen
        self.options: dict[int, tuple[int, list[int]]] = {}  # meeting -> its usable slots that day, mask and list
        self.duty = search.gaps.duty
        fest = self.fest
        self.days = [[fest.available[p] & mask for mask in fest.day_mask] for p in range(len(fest.attendees))]

    def target(self, wi: int) -> int:
        """A slot of wi's day to swap it to: mostly one that fills a participant's idle run or extends their
        block of meetings, else any usable one; -1 when there is none."""
        tt, fest = self.tt, self.fest
        s1 = tt.at[wi]
        d = fest.day_of[s1]
        found = self.options.get(wi)
        if found is None:
            mask = fest.usable[wi] & fest.day_mask[d]
            found = self.options[wi] = (mask, bit_list(mask))
        mask, options = found
        if len(options) < 2:
            return -1
        if self.rng.random() < TARGETED:
            holes, here = 0, 1 << s1
            for p in fest.parts[wi]:
                day = self.days[p][d]
                engaged = (tt.busy[p] | self.duty[p]) & day & ~here
                if engaged:
                    span = (1 << engaged.bit_length()) - (engaged & -engaged)
                    holes |= (span | (span << 1) | (span >> 1)) & day & ~engaged
            holes &= mask & ~here
            if holes:
                return self.rng.choice(bit_list(holes))
        s2 = self.rng.choice(options)
        return s2 if s2 != s1 else -1

    def delta(self, chain: list[int], s1: int, s2: int) -> tuple[int, int]:
        """(cost change, change in published meetings kept at home) if the chain swapped s1 and s2."""
        fest, tt = self.fest, self.tt
        count: dict[int, int] = {}
        for m in chain:
            for p in fest.parts[m]:
                count[p] = count.get(p, 0) + 1
        d, toggle = fest.day_of[s1], (1 << s1) | (1 << s2)
        gaps, busy = self.search.gaps.with_busy, tt.busy
        change = sum(gaps(p, d, busy[p] ^ toggle) - gaps(p, d, busy[p]) for p, n in count.items() if n == 1)
        kept = 0
        if self.fest.previous:
            for m in chain:
                home, at = tt.home[m], tt.at[m]
                new = s2 if at == s1 else s1
                kept += int(home == new) - int(home == at)
        return self.w.gaps * change - self.w.moved * kept, kept

    def step(self, wi: int, temperature: float) -> int:
        """One random Kempe swap of meeting wi within its day; returns the cost change kept (0 if refused)."""
        tt, fest = self.tt, self.fest
        s1, s2 = tt.at[wi], self.target(wi)
        if s2 < 0:
            return 0
        chain = self.search._chain(wi, s1, s2)
        if chain is None:
            return 0
        n1 = sum(1 for m in chain if tt.at[m] == s1)
        n2 = len(chain) - n1
        if len(tt.in_slot[s2]) - n2 + n1 > fest.table_cap[s2] or len(tt.in_slot[s1]) - n1 + n2 > fest.table_cap[s1]:
            return 0
        delta, kept = self.delta(chain, s1, s2)
        # The moves budget is a hard limit, at any temperature.
        if tt.budget is not None and kept < 0 and tt.moved() - kept > tt.budget:
            return 0
        if delta > 0 and self.rng.random() >= math.exp(-delta / temperature):
            return 0
        self.search._flip(chain, s1, s2)
        self.journal.append((chain, s1, s2))
        return delta

    def gappy(self, movable: list[int]) -> list[int]:
        """The meetings of people with an idle run on the meeting's day."""
        fest, tt, gaps = self.fest, self.tt, self.search.gaps
        return [wi for wi in movable if any(gaps(p, fest.day_of[tt.at[wi]]) for p in fest.parts[wi])]

    def back_to_best(self) -> None:
        """Undo the swaps made since the best timetable seen, last first."""
        while self.journal:
            chain, s1, s2 = self.journal.pop()
            self.search._flip(chain, s1, s2)


def movable_on(fest: Festival, tt: Timetable, days: set[int] | None) -> list[int]:
    """Met meetings that are not locked, on the given days (all days when None)."""
    return [wi for wi in tt.met() if wi not in tt.locked and (days is None or fest.day_of[tt.at[wi]] in days)]


def anneal(fest: Festival, tt: Timetable, weights: Weights, seconds: float, stop: Callable[[], bool],
           seed: int = 0, days: set[int] | None = None) -> int:
    """Kempe swaps at a falling temperature for `seconds` on the given days (every day when None); keeps the
    best timetable seen and each meeting on its day. Returns the gain."""
    # Setting up the search takes a quarter second at scale: none of it once the run is stopped.
    if not fest.simple_slots or seconds <= 0.05 or stop():
        return 0
    movable = movable_on(fest, tt, days)
    if not movable:
        return 0
    search = GapSearch(fest, tt, weights)
    walk = KempeWalk(search, random.Random(seed))
    current = best_cost = 0
    # Nothing left to gain once every gap is closed and every published meeting is back in place.
    floor = -search.cost(movable, set(range(fest.n_days)) if days is None else days)
    started = time.monotonic()
    # Mostly a random walk on equal-cost plateaus: hotter walks drift away faster than they come back.
    hot, cold = 0.3 * max(1, weights.gaps), 0.1 * max(1, weights.gaps)
    temperature = hot
    # Small days settle long before the time is up: so many swaps without a better timetable end the walk.
    patience, last_better = max(100_000, 50 * len(movable)), 0
    for k in range(10**9):
        if k % 200 == 0:  # look at the clock often enough to stop within milliseconds
            done = (time.monotonic() - started) / seconds
            if done >= 1 or best_cost <= floor or k - last_better > patience or stop():
                break
            temperature = hot * (cold / hot) ** done
        if k % REFRESH == 0:
            gappy = walk.gappy(movable) or movable
        pick = gappy if walk.rng.random() < FOCUS else movable
        current += walk.step(walk.rng.choice(pick), temperature)
        if current <= best_cost:  # equal cost too: the walk on a plateau is kept, not undone
            last_better = k if current < best_cost else last_better
            best_cost = current
            walk.journal.clear()
    walk.back_to_best()
    return -best_cost
