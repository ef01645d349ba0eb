"""Serving starving requesters: give each one a meeting, bumping a meeting of someone who has others."""

from __future__ import annotations

from collections.abc import Callable

from forum.solver.prep import Festival
from forum.solver.slotting import insert
from forum.solver.timetable import Timetable


def starving_requesters(fest: Festival, tt: Timetable, eligible: set[int]) -> list[int]:
    return sorted(r for r in eligible if not any(tt.at[wi] >= 0 for wi in fest.requests[r]))


def _bumpable(fest: Festival, tt: Timetable, wi: int) -> list[int]:
    """Meetings of wi's participants whose requester keeps another meeting, lightest first."""
    met_count: dict[int, int] = {}
    out = []
    for p in fest.parts[wi]:
        for m in fest.wishes_of[p]:
            if tt.at[m] < 0 or m in tt.locked or fest.required[m]:
                continue
            if tt.at_home(m) and not tt.can_move():
                continue  # bumping a published meeting is a move, and the budget is spent
            r = fest.parts[m][0]
            if r not in met_count:
                met_count[r] = sum(1 for x in fest.requests[r] if tt.at[x] >= 0)
            if met_count[r] > 1:
                out.append(m)
    return sorted(set(out), key=lambda m: fest.weight[m])


def serve(fest: Festival, tt: Timetable, r: int) -> bool:
    """One meeting for requester r: a free slot if any, else in place of a lighter meeting."""
    wishes = sorted((wi for wi in fest.requests[r] if fest.usable[wi]), key=lambda wi: -fest.weight[wi])
    for wi in wishes:
        if insert(tt, wi):
            return True
    for wi in wishes:
        for m in _bumpable(fest, tt, wi)[:12]:
            old = tt.remove(m)
            if insert(tt, wi, repair=False):
                insert(tt, m)  # the bumped meeting comes back elsewhere when it can
                return True
            tt.place(m, old)
    return False


def serve_starving(fest: Festival, tt: Timetable, eligible: set[int], stop: Callable[[], bool]) -> int:
    served = 0
    for r in starving_requesters(fest, tt, eligible):
        if stop():
            break
        served += serve(fest, tt, r)
    return served
