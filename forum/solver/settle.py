"""When a solve has done enough: value near the bound, every requester served, idle gaps no longer shrinking."""

from __future__ import annotations

import math

from forum.solver.prep import Festival
from forum.solver.timetable import Timetable

TARGET_SHARE = 0.995  # value at least this share of the proven bound counts as reached
STALL = 0.01  # gaps shrinking by less than this share over a stretch of rounds have stopped shrinking


class Settle:
    """Reads the figures after each search round and says when more time would buy (almost) nothing;
    the time limit stays the hard cap."""

    def __init__(self, fest: Festival, tt: Timetable, workers: int) -> None:
        self.fest, self.tt, self.workers = fest, tt, max(1, workers)
        self.gaps: list[int] = []

    def value_reached(self, bound: int | None, eligible: set[int]) -> bool:
        """Value at least TARGET_SHARE of the bound and every requester who can be served has a meeting."""
        fest, tt = self.fest, self.tt
        met = tt.met()
        if bound is None or sum(fest.weight[wi] for wi in met) < TARGET_SHARE * bound:
            return False
        return not eligible - {fest.parts[wi][0] for wi in met}

    def stretch(self) -> int:
        """Rounds in which every day is searched about twice, whichever worker takes it."""
        return 2 * max(1, math.ceil(self.fest.n_days / self.workers))

    def enough(self, figures: tuple[int, int, int], eligible: set[int]) -> bool:
        """After a search round: no gap left, or the gaps stopped shrinking over the last stretch of rounds."""
        gaps = figures[1]
        self.gaps.append(gaps)
        if gaps == 0:
            return True
        k = self.stretch()
        if len(self.gaps) <= k:
            return False
        before = self.gaps[-1 - k]
        return before - gaps < STALL * before
