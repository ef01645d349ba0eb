"""The CP-SAT model of one neighbourhood: freed meetings re-placed around everything else held fixed."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from forum.solver.params import Weights
from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable

Term = tuple[int, cp_model.IntVar]


class WindowModel:
    """One boolean per (freed wish, open slot); the timetable holds every other meeting as a constant.

    The caller removes the freed meetings from the timetable first and passes their old slots as hints.
    """

    def __init__(self, fest: Festival, tt: Timetable, wishes: list[int], slot_mask: int,
                 hint: dict[int, int]) -> None:
        self.fest, self.tt, self.wishes = fest, tt, wishes
        self.model = cp_model.CpModel()
        self.place: dict[tuple[int, int], cp_model.IntVar] = {}
        self.hint_of: dict[int, int] = {}  # variable index -> hinted value
        self.terms: list[Term] = []  # objective, maximized
        self.by_person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        for wi in wishes:
            for s in bit_list(fest.usable[wi] & slot_mask):
                if self._open(wi, s):
                    var = self.model.new_bool_var(f"z{wi}_{s}")
                    self.place[(wi, s)] = var
                    self._hint(var, int(hint.get(wi) == s))
                    for p in fest.parts[wi]:
                        self.by_person_slot[(p, s)].append(var)

    def _open(self, wi: int, s: int) -> bool:
        tt, ov = self.tt, self.fest.overlap_mask[s]
        return tt.table_load(s) < self.fest.table_cap[s] and not any(tt.busy[p] & ov for p in self.fest.parts[wi])

    def _hint(self, var: cp_model.IntVar, value: int) -> None:
        self.model.add_hint(var, value)
        self.hint_of[var.index] = value

    def slots_of(self, wi: int) -> list[cp_model.IntVar]:
        return [v for (w, _), v in self.place.items() if w == wi]

    def hinted(self, expr: list[cp_model.IntVar]) -> int:
        return sum(self.hint_of[v.index] for v in expr)

    def current_objective(self) -> int:
        return sum(c * self.hint_of[v.index] for c, v in self.terms)


def add_once(wm: WindowModel, wi: int, must: cp_model.IntVar | None = None) -> None:
    """A wish is met at most once; a required one exactly once (under an assumption, to name conflicts)."""
    lits = wm.slots_of(wi)
    if wm.fest.required[wi]:
        c = wm.model.add(sum(lits) == 1)
        if must is not None:
            c.only_enforce_if(must)
    elif len(lits) > 1:
        wm.model.add_at_most_one(lits)


def add_one_place_at_a_time(wm: WindowModel) -> None:
    for p, s in list(wm.by_person_slot):
        near = [v for j in wm.fest.days.overlaps[s] for v in wm.by_person_slot.get((p, j), [])]
        if len(near) > 1:
            wm.model.add_at_most_one(near)


def add_caps(wm: WindowModel) -> None:
    fest, tt = wm.fest, wm.tt
    mine: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    for (wi, s), v in wm.place.items():
        for p in fest.parts[wi]:
            mine[p].append((fest.day_of[s], v))
    for p, items in mine.items():
        left = fest.cap_total[p] - tt.total[p]
        if len(items) > left:
            wm.model.add(sum(v for _, v in items) <= left)
        for d in {d for d, _ in items}:
            today = [v for dd, v in items if dd == d]
            left_d = fest.cap_day[p] - tt.per_day[p][d]
            if len(today) > left_d:
                wm.model.add(sum(today) <= left_d)


def add_tables(wm: WindowModel) -> None:
    at: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (_, s), v in wm.place.items():
        at[s].append(v)
    for s, lits in at.items():
        left = wm.fest.table_cap[s] - wm.tt.table_load(s)
        if len(lits) > left:
            wm.model.add(sum(lits) <= left)


def add_value(wm: WindowModel, w: Weights) -> None:
    for (wi, _), v in wm.place.items():
        wm.terms.append((w.value * wm.fest.weight[wi], v))


def add_served(wm: WindowModel, w: Weights, eligible: set[int]) -> None:
    """Fairness: a bonus for each requester who gets at least one wish met."""
    fest, tt = wm.fest, wm.tt
    asked: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (wi, _), v in wm.place.items():
        asked[fest.parts[wi][0]].append(v)
    for r, lits in asked.items():
        if r not in eligible or any(tt.at[wi] >= 0 for wi in fest.requests[r]):
            continue
        served = wm.model.new_bool_var(f"served{r}")
        wm.model.add(served <= sum(lits))
        wm._hint(served, min(1, wm.hinted(lits)))
        wm.terms.append((w.unserved, served))


def add_kept(wm: WindowModel, w: Weights) -> None:
    """Stability: a bonus for each published meeting left at its published slot."""
    for wi in wm.wishes:
        prev = wm.fest.previous.get(wi)
        if prev is not None and (wi, prev[0]) in wm.place:
            wm.terms.append((w.moved, wm.place[(wi, prev[0])]))


def add_moves_budget(wm: WindowModel) -> None:
    """The moves budget, a hard limit: the freed published meetings away from their published slot, with
    those already moved outside the window, stay within it (the hint, the old timetable, does)."""
    tt = wm.tt
    published = [wi for wi in wm.wishes if tt.home[wi] >= 0]
    if tt.budget is None or not published:
        return
    outside = tt.moved() - len(published)  # the freed ones are out of the timetable, so counted as moved
    kept = [wm.place[(wi, tt.home[wi])] for wi in published if (wi, tt.home[wi]) in wm.place]
    least = len(published) - (tt.budget - outside)
    if least > len(kept):
        wm.model.add_bool_or([])  # cannot be met: the window keeps its old timetable
    elif least > 0:
        wm.model.add(sum(kept) >= least)


def _busy_marks(wm: WindowModel, p: int, seq: list[int]) -> list[tuple[int, list[cp_model.IntVar]]]:
    """Per available slot: (1, []) when engaged outside the window, else (0, the booleans that engage)."""
    fest, tt = wm.fest, wm.tt
    marks = []
    for s in seq:
        engaged = (tt.busy[p] >> s) & 1 or not (fest.free[p] >> s) & 1
        marks.append((1, []) if engaged else (0, wm.by_person_slot.get((p, s), [])))
    return marks


def add_gaps(wm: WindowModel, w: Weights, people: set[int], day_mask: int) -> None:
    """Idle runs of an attendee's day = busy runs - 1: count run starts, minus one when busy at all."""
    fest, m = wm.fest, wm.model
    for p in people:
        for d in fest.slot_days(day_mask):
            marks = _busy_marks(wm, p, bit_list(fest.available[p] & fest.day_mask[d]))
            if not any(lits for _, lits in marks):
                continue
            prev: tuple[int, list[cp_model.IntVar]] = (0, [])
            prev_hint = 0
            for const, lits in marks:
                hint = const or wm.hinted(lits)
                if lits or prev[1]:
                    r = m.new_bool_var("")
                    m.add(r >= const + sum(lits) - prev[0] - sum(prev[1]))
                    wm._hint(r, int(hint > prev_hint))
                    wm.terms.append((-w.gaps, r))
                prev, prev_hint = (const, lits), hint
            if not any(const for const, _ in marks):
                anyone = m.new_bool_var("")
                m.add(anyone <= sum(v for _, lits in marks for v in lits))
                wm._hint(anyone, int(any(wm.hinted(lits) for _, lits in marks)))
                wm.terms.append((w.gaps, anyone))
