"""The first-come-first-served baseline commercial platforms use: each wish, in arrival order, takes the
earliest slot where everyone and a table are free."""

from __future__ import annotations

from forum.domain import Instance, Schedule, Unscheduled
from forum.solver.params import SolveParams
from forum.solver.prep import bit_list
from forum.solver.slotting import place_fixed
from forum.solver.solve import Run
from forum.solver.tables import assign_tables


def greedy(inst: Instance) -> Schedule:
    run = Run(inst, SolveParams(time_limit=60.0), None, None)
    plan = run.pitches()  # pitches are placed the same way for both, to compare meetings only
    fest, tt = run.fest, run.tt
    place_fixed(tt)
    for wi, (s, _) in fest.previous.items():  # a platform keeps what it published
        if tt.at[wi] < 0 and tt.fits(wi, s):
            tt.place(wi, s)
    for wi in range(len(fest.wishes)):  # wish ids are in arrival order
        if tt.at[wi] >= 0:
            continue
        for s in bit_list(fest.usable[wi]):
            if tt.fits(wi, s):
                tt.place(wi, s)
                break
    meetings = assign_tables(fest, tt, run.room_busy)
    unmet = tuple(Unscheduled(w.id, "first come, first served") for wi, w in enumerate(fest.wishes)
                  if tt.at[wi] < 0)
    return Schedule(tuple(meetings), tuple(plan.pitches), unmet)
