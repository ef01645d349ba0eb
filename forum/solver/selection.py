"""Which wishes to meet and on which day: a max-weight b-matching LP whose optimum is the proven bound."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from forum.solver import cpsat
from forum.solver.prep import Festival


@dataclass
class Selection:
    chosen: list[int]  # wishes the relaxation meets at least half, most-met first
    bound: int | None  # None when the LP was not solved to optimality in time
    day: dict[int, int] = field(default_factory=dict)  # the day the relaxation prefers for each chosen wish


class SelectionLP:
    """Variables y[w, d]: how much of wish w is met on day d; caps per attendee, attendee-day and day.

    It reads availability before pitch and panel duty and ignores which slot each meeting takes, so it
    relaxes the real problem and its optimum bounds the value of every valid schedule.
    """

    def __init__(self, fest: Festival) -> None:
        self.fest = fest
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.y: dict[tuple[int, int], pywraplp.Variable] = {}
        self.by_person_day: dict[tuple[int, int], list[pywraplp.Variable]] = defaultdict(list)

    def build(self) -> None:
        fest, lp = self.fest, self.lp
        objective = lp.Objective()
        objective.SetMaximization()
        for wi, mask in enumerate(fest.feasible):
            days = fest.slot_days(mask)
            if not days:
                continue
            once = lp.Constraint(1.0 if fest.required[wi] else 0.0, 1.0)
            for d in days:
                var = lp.NumVar(0.0, 1.0, "")
                self.y[(wi, d)] = var
                once.SetCoefficient(var, 1.0)
                objective.SetCoefficient(var, float(fest.weight[wi]))
                for p in fest.parts[wi]:
                    self.by_person_day[(p, d)].append(var)
        self._caps()

    def _caps(self) -> None:
        fest = self.fest
        per_person: dict[int, list[pywraplp.Variable]] = defaultdict(list)
        for (p, d), lits in self.by_person_day.items():
            per_person[p].extend(lits)
            cap = min(fest.cap_day[p], (fest.available[p] & fest.day_mask[d]).bit_count())
            if len(lits) > cap:
                self._at_most(lits, cap)
        for p, lits in per_person.items():
            if len(lits) > fest.cap_total[p]:
                self._at_most(lits, fest.cap_total[p])
        per_day: dict[int, list[pywraplp.Variable]] = defaultdict(list)
        for (_, d), var in self.y.items():
            per_day[d].append(var)
        for d, lits in per_day.items():
            tables = len(fest.tables) * fest.day_mask[d].bit_count()
            if len(lits) > tables:
                self._at_most(lits, tables)

    def _at_most(self, lits: list[pywraplp.Variable], cap: int) -> None:
        c = self.lp.Constraint(0.0, float(cap))
        for v in lits:
            c.SetCoefficient(v, 1.0)


def select(fest: Festival, clock: cpsat.Clock, seconds: float) -> Selection | None:
    """The relaxation's choice of wishes and its bound; None when the LP has no solution in time."""
    sel = SelectionLP(fest)
    sel.build()
    sel.lp.SetTimeLimit(int(1000 * max(0.1, min(seconds, clock.left()))))
    status = sel.lp.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None
    met: dict[int, float] = defaultdict(float)
    day: dict[int, tuple[float, int]] = {}
    for (wi, d), var in sel.y.items():
        x = var.solution_value()
        met[wi] += x
        if x > day.get(wi, (0.0, -1))[0]:
            day[wi] = (x, d)
    chosen = sorted((wi for wi, x in met.items() if x >= 0.5), key=lambda wi: -met[wi])
    bound = None
    if status == pywraplp.Solver.OPTIMAL:
        bound = int(sel.lp.Objective().Value() + 1e-6)
    return Selection(chosen, bound, {wi: d for wi, (_, d) in day.items()})
