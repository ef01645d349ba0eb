"""The instance turned into indices and bitsets over meeting slots, which every solver phase reads."""

from __future__ import annotations

from forum.checker.figures import MeetingDays
from forum.domain import Instance, LocationKind, Window, Wish, covered

NO_CAP = 10**6


def bits(indices: object) -> int:
    mask = 0
    for i in indices:  # type: ignore[attr-defined]
        mask |= 1 << i
    return mask


def bit_list(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class Festival:
    """Attendees, wishes and meeting slots as integers; availability and feasibility as slot bitsets."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.days = MeetingDays(inst)
        self.n_slots = len(self.days.slots)
        day_ids = sorted(set(self.days.day_of))
        self.day_of = [day_ids.index(d) for d in self.days.day_of]
        self.n_days = len(day_ids)
        self.day_mask = [bits(i for i in range(self.n_slots) if self.day_of[i] == d) for d in range(self.n_days)]
        self.overlap_mask = [bits(ov) for ov in self.days.overlaps]
        self.simple_slots = all(len(ov) == 1 for ov in self.days.overlaps)  # no two meeting slots overlap
        self.person = {a.id: i for i, a in enumerate(inst.attendees)}
        self.attendees = inst.attendees
        self.available = [bits(self.days.available(a.available)) for a in inst.attendees]
        self.free = list(self.available)  # minus pitch and panel duty once pitches are placed
        self.cap_total = [NO_CAP if a.max_meetings is None else a.max_meetings for a in inst.attendees]
        self.cap_day = [NO_CAP if a.max_per_day is None else a.max_per_day for a in inst.attendees]
        self.wishes: tuple[Wish, ...] = inst.wishes
        self.wish_index = {w.id: i for i, w in enumerate(inst.wishes)}
        self.parts = [tuple(self.person[p] for p in w.participants) for w in inst.wishes]
        self.weight = [w.weight for w in inst.wishes]
        self.feasible = self._feasible_masks()
        self.usable = list(self.feasible)
        self.tables = [loc.id for loc in inst.locations if loc.kind == LocationKind.TABLE]
        self.table_cap = [len(self.tables)] * self.n_slots
        self.required = [w.required for w in inst.wishes]
        self.fixed = self._placements(inst.fixed)
        self.previous = self._placements(inst.previous)
        # Published meetings no meeting slot can hold again (their slot is gone or became a pitch slot).
        self.lost_previous = len(inst.previous) - len(self.previous)
        for wi in self.fixed:
            self.required[wi] = True
        self.requests: list[list[int]] = [[] for _ in inst.attendees]
        for wi, parts in enumerate(self.parts):
            self.requests[parts[0]].append(wi)
        self.wishes_of: list[list[int]] = [[] for _ in inst.attendees]
        for wi, parts in enumerate(self.parts):
            for p in parts:
                self.wishes_of[p].append(wi)

    def _feasible_masks(self) -> list[int]:
        """Per wish: meeting slots inside its windows where every participant is available."""
        within_cache: dict[tuple[Window, ...] | None, int] = {}
        out = []
        for w, parts in zip(self.wishes, self.parts, strict=True):
            if w.within not in within_cache:
                within_cache[w.within] = bits(i for i, s in enumerate(self.days.slots) if covered(s.window, w.within))
            mask = within_cache[w.within]
            for p in parts:
                mask &= self.available[p]
            out.append(mask)
        return out

    def _placements(self, entries: tuple) -> dict[int, tuple[int, str]]:
        out: dict[int, tuple[int, str]] = {}
        for pl in entries:
            if pl.wish in self.wish_index and pl.slot in self.days.index:
                out[self.wish_index[pl.wish]] = (self.days.index[pl.slot], pl.location)
        return out

    def block(self, who: str, window: Window) -> None:
        """Take meeting slots overlapping a pitch or panel duty away from an attendee."""
        p = self.person[who]
        for i in self.days.touching(window):
            self.free[p] &= ~(1 << i)

    def block_table(self, location: str, window: Window) -> None:
        if location in self.tables:
            for i in self.days.touching(window):
                self.table_cap[i] -= 1

    def refresh_usable(self) -> None:
        for wi, parts in enumerate(self.parts):
            mask = self.feasible[wi]
            for p in parts:
                mask &= self.free[p]
            self.usable[wi] = mask

    def free_on_day(self, p: int, d: int) -> int:
        return (self.free[p] & self.day_mask[d]).bit_count()

    def capacity(self, p: int, masks: list[int] | None = None) -> int:
        """How many meetings an attendee could hold at most, from caps and free (or available) slots."""
        mask = (masks or self.free)[p]
        per_day = sum(min(self.cap_day[p], (mask & self.day_mask[d]).bit_count()) for d in range(self.n_days))
        return min(self.cap_total[p], per_day)

    def slot_days(self, mask: int) -> list[int]:
        return [d for d in range(self.n_days) if mask & self.day_mask[d]]
