"""Why a wish was left out of the schedule: a reason code with its people, cap and slots, and plain words."""

from __future__ import annotations

import time

from forum.domain import Importance, Why, WhyCode
from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable

Told = tuple[Why, str]  # the reason as data (attendee pages word it) and in plain words (the organizer's)


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

    def _ids(self, people: list[int] | tuple[int, ...]) -> tuple[str, ...]:
        return tuple(self.fest.attendees[p].id for p in people)

    def _slots(self, mask: int) -> tuple[str, ...]:
        return tuple(self.fest.days.slots[s].id for s in bit_list(mask))

    def _no_common_time(self, wi: int) -> Told:
        """Either nobody shares a slot, or they do only outside the wish's windows (that overlap is kept)."""
        fest = self.fest
        parts = list(fest.parts[wi])
        common = fest.available[parts[0]]
        for p in parts[1:]:
            common &= fest.available[p]
        outside = common if fest.wishes[wi].within is not None else 0
        inside = " inside the wish's time windows" if outside else ""
        why = Why(WhyCode.NO_COMMON_TIME, self._ids(parts), slots=self._slots(outside))
        return why, f"{_names(fest, parts)} share no free slot{inside}"

    def _pitch_clash(self, wi: int) -> Told:
        fest = self.fest
        on_duty = [p for p in fest.parts[wi] if fest.feasible[wi] & ~fest.free[p]]
        why = Why(WhyCode.PITCH_CLASH, self._ids(on_duty), slots=self._slots(fest.feasible[wi]))
        return why, "every common free slot clashes with a pitch or a panel session"

    def _cap_total(self, p: int) -> Told:
        cap = self.fest.cap_total[p]
        text = f"{self.fest.attendees[p].id} reached the cap of {cap} meetings"
        return Why(WhyCode.CAP_TOTAL, self._ids([p]), cap), text

    def _cap_day(self, p: int) -> Told:
        cap = self.fest.cap_day[p]
        text = f"{self.fest.attendees[p].id}'s day is full (cap of {cap} meetings a day)"
        return Why(WhyCode.CAP_DAY, self._ids([p]), cap), text

    def _capped(self, wi: int) -> Told | None:
        fest, tt = self.fest, self.tt
        for p in fest.parts[wi]:
            if tt.total[p] >= fest.cap_total[p]:
                return self._cap_total(p)
        for p in fest.parts[wi]:
            if fest.usable[wi] & ~self._full(p) == 0:
                return self._cap_day(p)
        return None

    def _blockers(self, wi: int, s: int) -> list[tuple[int, int | None]]:
        """Who stands in the way at slot s: (person, the wish they meet then) or (person, None) for a full day."""
        fest, tt = self.fest, self.tt
        out: list[tuple[int, int | None]] = []
        near = [s] if fest.simple_slots else fest.days.overlaps[s]
        for p in fest.parts[wi]:
            occ = next((o for j in near if (o := tt.occupant(p, j)) is not None), None)
            if occ is not None or (self._full(p) >> s) & 1:
                out.append((p, occ))
        return out

    def _busy(self, wi: int) -> Told:
        """Every common slot is taken: by the requester's own must-meet requests, their other meetings,
        the other participants' meetings (whose requesters are never named), or full days."""
        fest = self.fest
        me = fest.parts[wi][0]
        own_must: set[int] = set()
        others: dict[int, int] = {}  # person -> the heaviest wish taking their time
        own, full = False, []
        for s in bit_list(fest.usable[wi]):
            found = self._blockers(wi, s)
            mine = [occ for p, occ in found if p == me and occ is not None]
            if found and len(mine) == len(found):
                if all(fest.parts[o][0] == me and fest.weight[o] >= Importance.MUST.value for o in mine):
                    own_must.update(mine)
                own = True
            for p, occ in found:
                if p != me and occ is not None:
                    others[p] = max(others.get(p, 0), fest.weight[occ])
                elif occ is None:
                    full.append(p)
        if own_must:
            wishes = tuple(sorted(fest.wishes[o].id for o in own_must))
            text = f"lost to higher-weight wishes for {fest.attendees[me].id}'s time: own must-meet {', '.join(wishes)}"
            return Why(WhyCode.LOST_TO_OWN_MUST, self._ids([me]), wishes=wishes), text
        if own:
            return Why(WhyCode.LOST_TO_OWN, self._ids([me])), f"lost to {fest.attendees[me].id}'s other meetings"
        if others:
            return self._lost_to_others(wi, others)
        if full:
            return self._cap_day(full[0])
        return Why(WhyCode.LOST_TO_OTHERS), "no room at any common slot"

    def _lost_to_others(self, wi: int, others: dict[int, int]) -> Told:
        fest = self.fest
        who = max(others, key=lambda p: others[p])
        why = Why(WhyCode.LOST_TO_OTHERS, self._ids(sorted(others)))
        if others[who] > fest.weight[wi]:
            return why, f"lost to higher-weight wishes for {fest.attendees[who].id}'s time"
        return why, f"lost to other wishes of equal weight for {_names(fest, sorted(others))}'s time"

    def settled(self, wi: int) -> Told | None:
        """The reasons that hold whatever the search does: a few mask tests, no slot-by-slot look."""
        fest, tt = self.fest, self.tt
        if not fest.feasible[wi]:
            return self._no_common_time(wi)
        if not fest.usable[wi]:
            return self._pitch_clash(wi)
        for p in fest.parts[wi]:
            if tt.total[p] >= fest.cap_total[p]:
                return self._cap_total(p)
        return None

    def reason(self, wi: int) -> Told:
        """Why wish wi is not met, for the person who made it."""
        fest, tt = self.fest, self.tt
        found = self.settled(wi) or self._capped(wi)
        if found:
            return found
        open_slots = fest.usable[wi]
        for p in fest.parts[wi]:
            open_slots &= ~tt.busy[p] & ~self._full(p)
            if not fest.simple_slots:
                for s in bit_list(tt.busy[p]):
                    open_slots &= ~fest.overlap_mask[s]
        if not open_slots:
            return self._busy(wi)
        roomy = [s for s in bit_list(open_slots) if tt.table_load(s) < fest.table_cap[s]]
        if not roomy:
            return Why(WhyCode.TABLES_FULL, slots=self._slots(open_slots)), "tables full at every common free slot"
        why = Why(WhyCode.TIME_LIMIT, slots=tuple(fest.days.slots[s].id for s in roomy))
        return why, "left out when the time limit ran out, though a slot was still free"


CANCELLED: Told = (Why(WhyCode.CANCELLED), "not placed before the run was cancelled")


def reasons(fest: Festival, tt: Timetable, seconds: float) -> dict[int, Told]:
    """Reasons for every unmet wish. After `seconds` (a cancelled run has little time left) only the
    settled reasons are looked for; a wish without one was simply not placed when the run stopped."""
    explainer = Explainer(fest, tt)
    until = time.monotonic() + seconds
    out: dict[int, Told] = {}
    for wi in range(len(fest.wishes)):
        if tt.at[wi] >= 0:
            continue
        if time.monotonic() < until:
            out[wi] = explainer.reason(wi)
        else:
            out[wi] = explainer.settled(wi) or CANCELLED
    return out


def reason(fest: Festival, tt: Timetable, wi: int) -> Told:
    """Why wish wi is not met (one-off; use Explainer for many wishes)."""
    return Explainer(fest, tt).reason(wi)
