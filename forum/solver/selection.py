"""Which wishes to meet: a max-weight b-matching LP whose optimum is the proven upper bound on value."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from forum.solver import cpsat
from forum.solver.prep import Festival


@dataclass
class Selection:
    chosen: list[int]  # wishes the relaxation meets at least half, most-met first
    bound: int | None  # None when the LP was not solved to optimality in time


class SelectionLP:
    """x[w] in [0, 1] per wish with a common free slot; degree caps per attendee and per attendee-day.

    It reads availability before pitch and panel duty and ignores which slot each meeting takes, so it
    relaxes the real problem and its optimum bounds the value of every valid schedule.
    """

    def __init__(self, fest: Festival, stop: Callable[[], bool] = lambda: False) -> None:
        self.fest, self.stop = fest, stop
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.x: dict[int, pywraplp.Variable] = {}

    def build(self) -> bool:
        """Adds variables and caps; False when stopped part way (the LP then bounds nothing)."""
        fest, lp = self.fest, self.lp
        objective = lp.Objective()
        objective.SetMaximization()
        # Among equally valuable choices keep the published meetings; the bonuses sum to under 0.5, so
        # the floor of the optimum still bounds the value.
        keep = 0.4 / max(1, len(fest.previous))
        for wi, mask in enumerate(fest.feasible):
            if mask:
                self.x[wi] = var = lp.NumVar(1.0 if fest.required[wi] else 0.0, 1.0, "")
                objective.SetCoefficient(var, fest.weight[wi] + (keep if wi in fest.previous else 0.0))
        if not self._attendee_caps():
            return False
        self._table_caps()
        return True

    def _attendee_caps(self) -> bool:
        fest = self.fest
        for p, wishes in enumerate(fest.wishes_of):
            # The build takes seconds at scale: a cancel must not wait for it to finish.
            if p % 250 == 0 and self.stop():
                return False
            mine = [wi for wi in wishes if wi in self.x]
            reach = 0
            for wi in mine:
                reach |= fest.feasible[wi]
            cap = min(fest.capacity(p, fest.available), reach.bit_count())
            if len(mine) > cap:
                self._at_most(mine, cap)
            for d in range(fest.n_days):
                today = [wi for wi in mine if fest.feasible[wi] & ~fest.day_mask[d] == 0]
                cap_d = min(fest.cap_day[p], (fest.available[p] & fest.day_mask[d]).bit_count())
                if len(today) > cap_d:
                    self._at_most(today, cap_d)
        return True

    def _table_caps(self) -> None:
        fest = self.fest
        if len(self.x) > len(fest.tables) * fest.n_slots:
            self._at_most(list(self.x), len(fest.tables) * fest.n_slots)
        by_day: dict[int, list[int]] = defaultdict(list)
        for wi in self.x:
            days = fest.slot_days(fest.feasible[wi])
            if len(days) == 1:
                by_day[days[0]].append(wi)
        for d, today in by_day.items():
            tables = len(fest.tables) * fest.day_mask[d].bit_count()
            if len(today) > tables:
                self._at_most(today, tables)

    def _at_most(self, wishes: list[int], cap: int) -> None:
        c = self.lp.Constraint(0.0, float(cap))
        for wi in wishes:
            c.SetCoefficient(self.x[wi], 1.0)


def degree_bound(fest: Festival) -> int:
    """A quick bound when the LP runs out of time: every meeting has one target, each capped."""
    best: dict[int, list[int]] = defaultdict(list)
    for wi, mask in enumerate(fest.feasible):
        if mask:
            best[fest.parts[wi][1]].append(fest.weight[wi])
    total = 0
    for p, weights in best.items():
        weights.sort(reverse=True)
        total += sum(weights[:fest.capacity(p, fest.available)])
    return total


def select(fest: Festival, clock: cpsat.Clock, seconds: float) -> Selection:
    """The relaxation's choice of wishes and its bound (the quick bound when the LP is not done in time)."""
    sel = SelectionLP(fest, clock.stop)
    if not sel.build() or clock.stop():
        return Selection([], degree_bound(fest))
    sel.lp.SetTimeLimit(int(1000 * max(0.1, min(seconds, clock.left()))))
    with cpsat.watching(clock, sel.lp.InterruptSolve):
        status = sel.lp.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        return Selection([], degree_bound(fest))
    met = {wi: var.solution_value() for wi, var in sel.x.items()}
    chosen = sorted((wi for wi, x in met.items() if x >= 0.5), key=lambda wi: -met[wi])
    # A hundredth of slack absorbs GLOP's tolerances, so rounding down never cuts below the true optimum.
    return Selection(chosen, math.floor(sel.lp.Objective().Value() + 0.01))
