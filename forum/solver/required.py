"""Placing every required meeting at once with CP-SAT when the greedy pass could not, or naming why not."""

from __future__ import annotations

from ortools.sat.python import cp_model

from forum.solver import cpsat
from forum.solver import model as mdl
from forum.solver.prep import Festival
from forum.solver.timetable import Timetable


def place_required(fest: Festival, tt: Timetable, clock: cpsat.Clock, seconds: float,
                   workers: int, seed: int) -> list[str]:
    """Re-place all required meetings around the fixed ones; returns conflicts, empty on success.

    Under a moves budget it first tries around every published meeting still at its published slot too,
    so that making room for a required meeting moves nobody when it can."""
    if all(tt.at[wi] >= 0 for wi in range(len(fest.wishes)) if fest.required[wi]):
        return []
    if tt.budget is not None and not _attempt(fest, tt, clock, 0.5 * seconds, workers, seed, keep_home=True):
        return []
    return _attempt(fest, tt, clock, seconds, workers, seed, keep_home=False)


def _attempt(fest: Festival, tt: Timetable, clock: cpsat.Clock, seconds: float, workers: int, seed: int,
             keep_home: bool) -> list[str]:
    stays = set(tt.locked) | ({wi for wi in tt.met() if tt.at_home(wi)} if keep_home else set())
    old = {wi: tt.at[wi] for wi in tt.met() if wi not in stays}
    for wi in old:
        tt.remove(wi)  # optional meetings come back in the refill pass
    freed = [wi for wi in range(len(fest.wishes)) if fest.required[wi] and wi not in stays]
    wm = mdl.WindowModel(fest, tt, freed, (1 << fest.n_slots) - 1, old)
    musts = {wi: wm.model.new_bool_var(f"must{wi}") for wi in freed}
    for wi in freed:
        mdl.add_once(wm, wi, musts[wi])
    mdl.add_one_place_at_a_time(wm)
    mdl.add_caps(wm)
    mdl.add_tables(wm)
    wm.model.add_assumptions(list(musts.values()))
    solver, status = cpsat.run(wm.model, seconds, clock, workers, seed)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (wi, s), v in wm.place.items():
            if solver.boolean_value(v):
                tt.place(wi, s)
        return []
    for wi, s in old.items():
        if tt.fits(wi, s):
            tt.place(wi, s)
    if status == cp_model.INFEASIBLE:
        core = set(solver.sufficient_assumptions_for_infeasibility())
        names = [fest.wishes[wi].id for wi, v in musts.items() if v.index in core] or \
            [fest.wishes[wi].id for wi in freed]
        return [f"required wishes {', '.join(names)} cannot all be scheduled together "
                "(their participants' free slots, caps and the tables do not allow it)"]
    missing = [fest.wishes[wi].id for wi in freed if tt.at[wi] < 0]
    return [f"required wishes {', '.join(missing[:20])} could not be placed within the time limit"]
