"""Which wishes to meet: a max-weight b-matching relaxation whose bound is the proven upper bound on value."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from forum.solver import cpsat
from forum.solver.prep import Festival


@dataclass
class Selection:
    chosen: list[int]
    bound: int
    optimal: bool


class SelectionModel:
    """One boolean per wish that has a common free slot; degree caps per attendee and per attendee-day.

    It reads availability before pitch and panel duty, so its bound holds whatever the pitch plan."""

    def __init__(self, fest: Festival) -> None:
        self.fest = fest
        self.model = cp_model.CpModel()
        self.meet = {wi: self.model.new_bool_var(f"m{wi}") for wi in range(len(fest.wishes))
                     if fest.feasible[wi]}
        # Value comes first: fairness only breaks ties, so the bound on value stays exact.
        self.scale = len(fest.attendees) + 1

    def build(self) -> None:
        self._forced()
        self._attendee_caps()
        self._table_caps()
        self._objective()

    def _forced(self) -> None:
        for wi, var in self.meet.items():
            if self.fest.required[wi]:
                self.model.add(var == 1)

    def _attendee_caps(self) -> None:
        fest = self.fest
        for p, wishes in enumerate(fest.wishes_of):
            mine = [wi for wi in wishes if wi in self.meet]
            if not mine:
                continue
            reach = 0
            for wi in mine:
                reach |= fest.feasible[wi]
            cap = min(fest.capacity(p, fest.available), reach.bit_count())
            if cap < len(mine):
                self.model.add(sum(self.meet[wi] for wi in mine) <= cap)
            for d in range(fest.n_days):
                today = [wi for wi in mine if fest.feasible[wi] & ~fest.day_mask[d] == 0]
                cap_d = min(fest.cap_day[p], (fest.available[p] & fest.day_mask[d]).bit_count())
                if len(today) > cap_d:
                    self.model.add(sum(self.meet[wi] for wi in today) <= cap_d)

    def _table_caps(self) -> None:
        fest = self.fest
        total = len(fest.tables) * fest.n_slots
        if len(self.meet) > total:
            self.model.add(sum(self.meet.values()) <= total)

    def _objective(self) -> None:
        fest = self.fest
        served = []
        by_requester: dict[int, list[int]] = {}
        for wi in self.meet:
            by_requester.setdefault(fest.parts[wi][0], []).append(wi)
        for p, wishes in by_requester.items():
            s = self.model.new_bool_var(f"served{p}")
            self.model.add(s <= sum(self.meet[wi] for wi in wishes))
            served.append(s)
        value = sum(fest.weight[wi] * v for wi, v in self.meet.items())
        self.model.maximize(self.scale * value + sum(served))


def select(fest: Festival, clock: cpsat.Clock, seconds: float, workers: int, seed: int) -> Selection | None:
    """The wishes to try first and the bound; None when CP-SAT found nothing in time."""
    sm = SelectionModel(fest)
    sm.build()
    solver, status = cpsat.run(sm.model, seconds, clock, workers, seed)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    bound = int((solver.best_objective_bound + 1e-6) // sm.scale)
    chosen = [wi for wi, v in sm.meet.items() if solver.boolean_value(v)]
    return Selection(chosen, bound, status == cp_model.OPTIMAL)
