"""Giving the chosen meetings slots: fixed first, then the least flexible, with one-step repair moves."""

from __future__ import annotations

from collections.abc import Callable

from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable


def place_fixed(tt: Timetable) -> list[int]:
    """Fixed meetings go exactly where they were accepted; returns those that cannot."""
    broken = []
    for wi, (s, _) in tt.fest.fixed.items():
        if tt.fits(wi, s):
            tt.place(wi, s)
            tt.locked.add(wi)
        else:
            broken.append(wi)
    return broken


def restore_published(tt: Timetable) -> int:
    """Published meetings not yet placed go back to their published slot where they still fit, required and
    least flexible first; returns how many went back."""
    fest = tt.fest
    waiting = sorted((wi for wi in fest.previous if tt.at[wi] < 0),
                     key=lambda wi: (not fest.required[wi], flexibility(fest, wi), wi))
    back = 0
    for wi in waiting:
        if tt.fits(wi, tt.home[wi]):
            tt.place(wi, tt.home[wi])
            back += 1
    return back


def _move_elsewhere(tt: Timetable, wi: int, avoid: int) -> bool:
    """Move a placed meeting to the other slot that fits best (next to its participants' other meetings);
    leaves it where it was when none fits."""
    old = tt.remove(wi)
    best, best_score = -1, -(10**9)
    for s in bit_list(tt.fest.usable[wi]):
        if s != avoid and s != old and tt.fits(wi, s):
            score = tt.fit_score(wi, s)
            if score > best_score:
                best, best_score = s, score
    tt.place(wi, best if best >= 0 else old)
    return best >= 0


def _published_here(tt: Timetable, wi: int) -> bool:
    """A published meeting still at its slot: repairs leave it there (re-solves move few meetings)."""
    return tt.at_home(wi)


def _blockers(tt: Timetable, wi: int, s: int) -> list[int] | None:
    """The meetings that stand in the way of wish wi at slot s, or None when caps (not meetings) do."""
    fest = tt.fest
    d = fest.day_of[s]
    found: set[int] = set()
    for p in fest.parts[wi]:
        if tt.per_day[p][d] >= fest.cap_day[p] or tt.total[p] >= fest.cap_total[p]:
            return None
        for j in fest.days.overlaps[s]:
            if (tt.busy[p] >> j) & 1:
                occ = tt.occupant(p, j)
                if occ is None or occ in tt.locked or _published_here(tt, occ):
                    return None
                found.add(occ)
    if not found and tt.table_load(s) >= fest.table_cap[s]:
        movable = [m for m in tt.in_slot[s] if m not in tt.locked and not _published_here(tt, m)]
        return movable[:1] if movable else None
    return sorted(found)


def insert(tt: Timetable, wi: int, repair: bool = True) -> bool:
    """Place wish wi at its published slot or best free slot, or make room by moving one or two meetings."""
    published = tt.fest.previous.get(wi)
    if published is not None and tt.fits(wi, published[0]):
        tt.place(wi, published[0])
        return True
    s = tt.best_slot(wi)
    if s is not None:
        tt.place(wi, s)
        return True
    if not repair or any(tt.total[p] >= tt.fest.cap_total[p] for p in tt.fest.parts[wi]):
        return False
    for s in bit_list(tt.fest.usable[wi]):
        blockers = _blockers(tt, wi, s)
        if not blockers or len(blockers) > 2:
            continue
        if tt.table_load(s) >= tt.fest.table_cap[s] and len(blockers) > 1:
            continue
        moved = []
        for b in blockers:
            was = tt.at[b]
            if not _move_elsewhere(tt, b, s):
                break
            moved.append((b, was))
        if len(moved) == len(blockers) and tt.fits(wi, s):
            tt.place(wi, s)
            return True
        _move_back(tt, moved)
    return False


def _move_back(tt: Timetable, moved: list[tuple[int, int]]) -> None:
    """Meetings moved to make room that was not made go back where they were: a move for nothing opens gaps."""
    for b, was in reversed(moved):
        now = tt.remove(b)
        tt.place(b, was if tt.fits(b, was) else now)


def flexibility(fest: Festival, wi: int) -> int:
    return fest.usable[wi].bit_count()


def fill(tt: Timetable, order: list[int], stop: Callable[[], bool], repair: bool = True) -> list[int]:
    """Insert wishes in the given order; returns the ones left out."""
    left: list[int] = []
    for k, wi in enumerate(order):
        if tt.at[wi] >= 0:
            continue
        if k % 256 == 0 and stop():
            left.extend(w for w in order[k:] if tt.at[w] < 0)
            break
        if not tt.fest.usable[wi] or not insert(tt, wi, repair):
            left.append(wi)
    return left


def refill_order(tt: Timetable, candidates: list[int], eligible: set[int]) -> list[int]:
    """Unserved requesters first (fairness), then heavier wishes, then the least flexible."""
    fest = tt.fest
    served = {fest.parts[wi][0] for wi in tt.met()}

    def key(wi: int) -> tuple[int, int, int, int]:
        requester = fest.parts[wi][0]
        starving = requester in eligible and requester not in served
        return (0 if fest.required[wi] else 1, 0 if starving else 1, -fest.weight[wi], flexibility(fest, wi))

    return sorted(candidates, key=key)
