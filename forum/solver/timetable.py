"""The meetings placed so far: who is busy at which slot, caps used, tables used per slot."""

from __future__ import annotations

from forum.solver.prep import Festival, bit_list


class Timetable:
    """Slot per wish (-1 when not met) with the occupancy that placement rules check in O(participants)."""

    def __init__(self, fest: Festival) -> None:
        self.fest = fest
        self.at = [-1] * len(fest.wishes)
        self.busy = [0] * len(fest.attendees)
        self.per_day = [[0] * fest.n_days for _ in fest.attendees]
        self.total = [0] * len(fest.attendees)
        self.in_slot: list[set[int]] = [set() for _ in range(fest.n_slots)]
        self.locked: set[int] = set()
        self.who: dict[tuple[int, int], int] = {}  # (attendee, slot) -> the wish they meet there
        self.home = [-1] * len(fest.wishes)  # each published meeting's published slot
        for wi, (s, _) in fest.previous.items():
            self.home[wi] = s
        self.kept = 0  # published meetings at their published slot
        # Moves of published meetings allowed (the run's budget less the pitches it moved); None: no limit.
        self.budget: int | None = None

    def moved(self) -> int:
        """Published meetings not at their published slot (dropped ones too), as the checker counts them."""
        return self.fest.lost_previous + len(self.fest.previous) - self.kept

    def over_budget(self) -> bool:
        return self.budget is not None and self.moved() > self.budget

    def can_move(self) -> bool:
        """Whether one more published meeting may leave its published slot."""
        return self.budget is None or self.moved() < self.budget

    def at_home(self, wi: int) -> bool:
        return self.at[wi] >= 0 and self.home[wi] == self.at[wi]

    def table_load(self, s: int) -> int:
        if self.fest.simple_slots:
            return len(self.in_slot[s])
        return sum(len(self.in_slot[j]) for j in self.fest.days.overlaps[s])

    def open_mask(self, wi: int) -> int:
        """Usable slots of wish wi where every participant is free and under their caps (tables aside)."""
        fest = self.fest
        mask = fest.usable[wi]
        for p in fest.parts[wi]:
            if self.total[p] >= fest.cap_total[p]:
                return 0
            busy = self.busy[p]
            if busy:
                mask &= ~busy
                if not fest.simple_slots:
                    for s in bit_list(busy):
                        mask &= ~fest.overlap_mask[s]
                for d, n in enumerate(self.per_day[p]):
                    if n >= fest.cap_day[p]:
                        mask &= ~fest.day_mask[d]
        return mask

    def fits(self, wi: int, s: int) -> bool:
        fest = self.fest
        if not (fest.usable[wi] >> s) & 1 or self.table_load(s) >= fest.table_cap[s]:
            return False
        d, ov = fest.day_of[s], fest.overlap_mask[s]
        for p in fest.parts[wi]:
            if self.busy[p] & ov or self.per_day[p][d] >= fest.cap_day[p] or self.total[p] >= fest.cap_total[p]:
                return False
        return True

    def place(self, wi: int, s: int) -> None:
        d = self.fest.day_of[s]
        for p in self.fest.parts[wi]:
            self.who[(p, s)] = wi
            self.busy[p] |= 1 << s
            self.per_day[p][d] += 1
            self.total[p] += 1
        self.in_slot[s].add(wi)
        self.at[wi] = s
        if self.home[wi] == s:
            self.kept += 1

    def remove(self, wi: int) -> int:
        s = self.at[wi]
        d = self.fest.day_of[s]
        for p in self.fest.parts[wi]:
            del self.who[(p, s)]
            self.busy[p] &= ~(1 << s)
            self.per_day[p][d] -= 1
            self.total[p] -= 1
        self.in_slot[s].discard(wi)
        self.at[wi] = -1
        if self.home[wi] == s:
            self.kept -= 1
        return s

    def met(self) -> list[int]:
        return [wi for wi, s in enumerate(self.at) if s >= 0]

    def occupant(self, p: int, s: int) -> int | None:
        """The wish an attendee meets at slot s, if any."""
        return self.who.get((p, s))

    def fit_score(self, wi: int, s: int) -> int:
        """Higher when the meeting sits next to its participants' other meetings (fewer idle gaps)."""
        fest = self.fest
        day = fest.day_mask[fest.day_of[s]]
        score = 0
        for p in fest.parts[wi]:
            mine = self.busy[p] & day
            if not mine:
                continue
            free = (fest.free[p] | self.busy[p]) & day
            before = free & ((1 << s) - 1)
            after = free >> (s + 1)
            near = 0
            if before and (self.busy[p] >> (before.bit_length() - 1)) & 1:
                near += 1
            if after and (self.busy[p] >> (s + 1 + ((after & -after).bit_length() - 1))) & 1:
                near += 1
            score += 4 * near - (3 if near == 0 else 0)
        return score

    def best_slot(self, wi: int) -> int | None:
        best, best_score = None, -(10**9)
        mask = self.open_mask(wi)
        cap = self.fest.table_cap
        while mask:
            low = mask & -mask
            s = low.bit_length() - 1
            mask ^= low
            if self.table_load(s) < cap[s]:
                sc = self.fit_score(wi, s)
                if sc > best_score:
                    best, best_score = s, sc
        return best
