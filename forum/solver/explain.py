"""Plain-words reasons why a wish was left out of the schedule."""

from __future__ import annotations

import time

from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable


def _names(fest: Festival, people: list[int]) -> str:
    ids = [fest.attendees[p].id for p in people]
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


class Explainer:
    """Reasons for every left-out wish, from per-attendee masks of full days computed once."""

    def __init__(self, fest: Festival, tt: Timetable) -> None:
        self.fest, self.tt = fest, tt
        self.full_days: dict[int, int] = {}

    def _full(self, p: int) -> int:
        if p not in self.full_days:
            fest, mask = self.fest, 0
            for d, n in enumerate(self.tt.per_day[p]):
                if n >= fest.cap_day[p]:
                    mask |= fest.day_mask[d]
            self.full_days[p] = mask
        return self.full_days[p]

    def _no_common_time(self, wi: int) -> str:
        fest = self.fest
        parts = list(fest.parts[wi])
        common = fest.available[parts[0]]
        for p in parts[1:]:
            common &= fest.available[p]
        inside = " inside the wish's time windows" if common and fest.wishes[wi].within is not None else ""
        return f"{_names(fest, parts)} share no free slot{inside}"

    def _capped(self, wi: int) -> str | None:
        fest, tt = self.fest, self.tt
        for p in fest.parts[wi]:
            if tt.total[p] >= fest.cap_total[p]:
                return f"{fest.attendees[p].id} reached the cap of {fest.cap_total[p]} meetings"
        for p in fest.parts[wi]:
            if fest.usable[wi] & ~self._full(p) == 0:
                return f"{fest.attendees[p].id}'s day is full (cap of {fest.cap_day[p]} meetings a day)"
        return None

    def _busy(self, wi: int) -> str:
        """Every common slot is taken by other meetings: by heavier ones, or by as heavy ones."""
        fest, tt = self.fest, self.tt
        takers: dict[int, int] = {}
        for s in bit_list(fest.usable[wi]):
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

    def settled(self, wi: int) -> str | None:
        """The reasons that hold whatever the search does: a few mask tests, no slot-by-slot look."""
        fest, tt = self.fest, self.tt
        if not fest.feasible[wi]:
            return self._no_common_time(wi)
        if not fest.usable[wi]:
            return "every common free slot clashes with a pitch or a panel session"
        for p in fest.parts[wi]:
            if tt.total[p] >= fest.cap_total[p]:
                return f"{fest.attendees[p].id} reached the cap of {fest.cap_total[p]} meetings"
        return None

    def reason(self, wi: int) -> str:
        """Why wish wi is not met, for the person who made it."""
        fest, tt = self.fest, self.tt
        settled = self.settled(wi)
        if settled:
            return settled
        capped = self._capped(wi)
        if capped:
            return capped
        open_slots = fest.usable[wi]
        for p in fest.parts[wi]:
            open_slots &= ~tt.busy[p] & ~self._full(p)
            if not fest.simple_slots:
                for s in bit_list(tt.busy[p]):
                    open_slots &= ~fest.overlap_mask[s]
        if open_slots:
            if all(tt.table_load(s) >= fest.table_cap[s] for s in bit_list(open_slots)):
                return "tables full at every common free slot"
            return "left out when the time limit ran out, though a slot was still free"
        return self._busy(wi)


CANCELLED = "not placed before the run was cancelled"


def reasons(fest: Festival, tt: Timetable, seconds: float) -> dict[int, str]:
    """Reasons for every unmet wish. After `seconds` (a cancelled run has little time left) only the
    settled reasons are looked for; a wish without one was simply not placed when the run stopped."""
    explainer = Explainer(fest, tt)
    until = time.monotonic() + seconds
    out: dict[int, str] = {}
    for wi in range(len(fest.wishes)):
        if tt.at[wi] >= 0:
            continue
        if time.monotonic() < until:
            out[wi] = explainer.reason(wi)
        else:
            out[wi] = explainer.settled(wi) or CANCELLED
    return out


def reason(fest: Festival, tt: Timetable, wi: int) -> str:
    """Why wish wi is not met (one-off; use Explainer for many wishes)."""
    return Explainer(fest, tt).reason(wi)
