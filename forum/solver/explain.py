"""Plain-words reasons why a wish was left out of the schedule."""

from __future__ import annotations

from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable


def _names(fest: Festival, people: list[int]) -> str:
    ids = [fest.attendees[p].id for p in people]
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _no_common_time(fest: Festival, wi: int) -> str:
    wish = fest.wishes[wi]
    parts = list(fest.parts[wi])
    common = fest.available[parts[0]]
    for p in parts[1:]:
        common &= fest.available[p]
    if common and wish.within is not None:
        return f"{_names(fest, parts)} share no free slot inside the wish's time windows"
    if not common:
        return f"{_names(fest, parts)} share no free slot"
    return f"{_names(fest, parts)} share no free slot"


def _capped(fest: Festival, tt: Timetable, wi: int) -> str | None:
    for p in fest.parts[wi]:
        if tt.total[p] >= fest.cap_total[p]:
            return f"{fest.attendees[p].id} reached the cap of {fest.cap_total[p]} meetings"
    days = fest.slot_days(fest.usable[wi])
    for p in fest.parts[wi]:
        if days and all(tt.per_day[p][d] >= fest.cap_day[p] for d in days):
            return f"{fest.attendees[p].id}'s day is full (cap of {fest.cap_day[p]} meetings a day)"
    return None


def _busy_reason(fest: Festival, tt: Timetable, wi: int, slots: list[int]) -> str:
    """Every common slot is taken by other meetings: by heavier ones, or by as heavy ones."""
    takers: dict[int, int] = {}
    for s in slots:
        for p in fest.parts[wi]:
            occ = tt.occupant(p, s)
            if occ is not None:
                takers[p] = max(takers.get(p, 0), fest.weight[occ])
    if not takers:
        return "no room at any common slot"
    who = max(takers, key=lambda p: takers[p])
    if takers[who] > fest.weight[wi]:
        return f"lost to higher-weight wishes for {fest.attendees[who].id}'s time"
    return f"lost to other wishes of equal weight for {_names(fest, sorted(takers))}'s time"


def reason(fest: Festival, tt: Timetable, wi: int) -> str:
    """Why wish wi is not met, for the person who made it."""
    if not fest.feasible[wi]:
        return _no_common_time(fest, wi)
    if not fest.usable[wi]:
        return "every common free slot clashes with a pitch or a panel session"
    capped = _capped(fest, tt, wi)
    if capped:
        return capped
    slots = bit_list(fest.usable[wi])
    open_slots = [s for s in slots if not any(tt.busy[p] & fest.overlap_mask[s] for p in fest.parts[wi])]
    if open_slots and all(tt.table_load(s) >= fest.table_cap[s] for s in open_slots):
        return "tables full at every common free slot"
    return _busy_reason(fest, tt, wi, slots)
