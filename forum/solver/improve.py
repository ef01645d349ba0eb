"""Large-neighbourhood search: free a few meetings around an attendee and a day, re-place them with CP-SAT."""

from __future__ import annotations

import random
from collections.abc import Callable

from ortools.sat.python import cp_model

from forum.solver import cpsat
from forum.solver import model as mdl
from forum.solver.params import Weights
from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable


def idle_runs(fest: Festival, tt: Timetable, p: int, d: int) -> int:
    """Idle runs between the first and last engagement of an attendee's day, from the bitsets."""
    day = fest.available[p] & fest.day_mask[d]
    engaged = (tt.busy[p] | (fest.available[p] & ~fest.free[p])) & day
    if not engaged:
        return 0
    runs, prev = 0, False
    for s in bit_list(day):
        now = bool((engaged >> s) & 1)
        runs += int(now and not prev)
        prev = now
    return runs - 1


def solve_window(fest: Festival, tt: Timetable, freed: list[int], slot_mask: int, weights: Weights,
                 eligible: set[int], clock: cpsat.Clock, seconds: float, seed: int = 0, workers: int = 1) -> bool:
    """Re-place `freed` inside `slot_mask`; keep the result only when the window's objective improves."""
    old = {wi: tt.at[wi] for wi in freed if tt.at[wi] >= 0}
    for wi in old:
        tt.remove(wi)
    wm = mdl.WindowModel(fest, tt, freed, slot_mask, old)
    for wi in freed:
        mdl.add_once(wm, wi)
    mdl.add_one_place_at_a_time(wm)
    mdl.add_caps(wm)
    mdl.add_tables(wm)
    mdl.add_moves_budget(wm)
    mdl.add_value(wm, weights)
    mdl.add_served(wm, weights, eligible)
    mdl.add_kept(wm, weights)
    people = {p for wi in freed for p in fest.parts[wi]}
    mdl.add_gaps(wm, weights, people, slot_mask)
    wm.model.maximize(sum(c * v for c, v in wm.terms))
    solver, status = cpsat.run(wm.model, seconds, clock, workers=workers, seed=seed)
    better = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and \
        solver.objective_value > wm.current_objective() + 0.5
    if better:
        for (wi, s), v in wm.place.items():
            if solver.boolean_value(v):
                tt.place(wi, s)
    else:
        for wi, s in old.items():
            tt.place(wi, s)
    return better


def neighbourhood(fest: Festival, tt: Timetable, p: int, d: int, limit: int = 60) -> list[int]:
    """Meetings of attendee p and their partners on day d, plus p's unmet wishes that fit that day."""
    day = fest.day_mask[d]
    mine = [wi for wi in fest.wishes_of[p] if tt.at[wi] >= 0 and (day >> tt.at[wi]) & 1]
    unmet = [wi for wi in fest.wishes_of[p] if tt.at[wi] < 0 and fest.usable[wi] & day]
    unmet.sort(key=lambda wi: -fest.weight[wi])
    core = mine + unmet[:15]
    freed = set(core)
    for wi in core:
        for q in fest.parts[wi]:
            for wj in fest.wishes_of[q]:
                if tt.at[wj] >= 0 and (day >> tt.at[wj]) & 1 and len(freed) < limit:
                    freed.add(wj)
    return [wi for wi in freed if wi not in tt.locked]


def worst_days(fest: Festival, tt: Timetable, top: int) -> list[tuple[int, int]]:
    scored = []
    for p in range(len(fest.attendees)):
        if tt.busy[p]:
            for d in range(fest.n_days):
                g = idle_runs(fest, tt, p, d)
                if g > 0:
                    scored.append((g, p, d))
    scored.sort(reverse=True)
    return [(p, d) for _, p, d in scored[:top]]


def starving(fest: Festival, tt: Timetable, eligible: set[int]) -> list[tuple[int, int]]:
    """(requester, day) pairs of eligible requesters who have nothing yet."""
    out: list[tuple[int, int]] = []
    for r in eligible:
        if any(tt.at[wi] >= 0 for wi in fest.requests[r]):
            continue
        mask = 0
        for wi in fest.requests[r]:
            mask |= fest.usable[wi]
        out.extend((r, d) for d in fest.slot_days(mask))
    return out


def nothing_left(fest: Festival, tt: Timetable, eligible: set[int], bound: int | None) -> bool:
    """True when value reaches the bound, every requester is served and no attendee has a gap."""
    met = tt.met()
    if bound is None or sum(fest.weight[wi] for wi in met) < bound:
        return False
    if eligible - {fest.parts[wi][0] for wi in met}:
        return False
    return not worst_days(fest, tt, 1)


def improve(fest: Festival, tt: Timetable, weights: Weights, eligible: set[int], clock: cpsat.Clock,
            seed: int, report: Callable[[str], None], bound: int | None = None, workers: int = 1,
            enough: Callable[[], bool] = lambda: False) -> int:
    """Run windows until the deadline or enough(): starving requesters first, then the gappiest days, then
    random ones."""
    rng = random.Random(seed)
    done = idle = 0
    queue = starving(fest, tt, eligible)
    rounds = 0
    # Small festivals run out of windows worth trying long before the deadline.
    patience = len(fest.attendees) * max(1, fest.n_days) + 20
    while not clock.stop() and idle < patience:
        if (not queue or idle % 10 == 9) and (enough() or not fest.previous
                                              and nothing_left(fest, tt, eligible, bound)):
            break
        if not queue:
            rounds += 1
            queue = worst_days(fest, tt, 200) if rounds % 2 else []
            if not queue:
                queue = [(rng.randrange(len(fest.attendees)), rng.randrange(max(1, fest.n_days)))
                         for _ in range(100)]
        p, d = queue.pop(0)
        freed = neighbourhood(fest, tt, p, d)
        better = bool(freed) and solve_window(fest, tt, freed, fest.day_mask[d], weights, eligible, clock,
                                              min(0.3, clock.left()), seed + done, workers)
        done += better
        idle = 0 if better else idle + 1
        report("improve")
    return done
