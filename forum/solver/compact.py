"""Fast local search on idle gaps: move one meeting, or swap two of an attendee's, when gaps shrink."""

from __future__ import annotations

from collections.abc import Callable

from forum.checker.figures import idle_gaps
from forum.solver.params import Weights
from forum.solver.prep import Festival, bit_list
from forum.solver.timetable import Timetable

_MEMO: dict[tuple[int, int], int] = {}  # (available, engaged) bitsets of a day -> idle gaps


class DayGaps:
    """Idle runs per attendee-day from the timetable's bitsets, with each day's slot list cached."""

    def __init__(self, fest: Festival, tt: Timetable) -> None:
        self.fest, self.tt = fest, tt
        self.seq: dict[tuple[int, int], list[int]] = {}
        self.duty = [fest.available[p] & ~fest.free[p] for p in range(len(fest.attendees))]

    def __call__(self, p: int, d: int) -> int:
        return self.with_busy(p, d, self.tt.busy[p])

    def with_busy(self, p: int, d: int, busy: int) -> int:
        """Idle runs of attendee p on day d if their meetings took the slots in `busy`."""
        day = self.fest.day_mask[d]
        engaged = (busy | self.duty[p]) & day
        key = (self.fest.available[p] & day, engaged)
        runs = _MEMO.get(key)
        if runs is None:
            seq = self.seq.get((p, d))
            if seq is None:
                seq = self.seq[(p, d)] = bit_list(self.fest.available[p] & day)
            runs = idle_gaps(bool((engaged >> s) & 1) for s in seq)
            if len(_MEMO) > 2_000_000:
                _MEMO.clear()
            _MEMO[key] = runs
        return runs


class GapSearch:
    """Moves scored by weighted gaps and moved meetings, on the attendee-days a move touches only."""

    def __init__(self, fest: Festival, tt: Timetable, weights: Weights) -> None:
        self.fest, self.tt, self.w = fest, tt, weights
        self.gaps = DayGaps(fest, tt)

    def _gaps(self, wishes: list[int], days: set[int]) -> int:
        people = {p for wi in wishes for p in self.fest.parts[wi]}
        return sum(self.gaps(p, d) for p in people for d in days)

    def _moved(self, wishes: list[int]) -> int:
        prev = self.fest.previous
        return sum(1 for wi in wishes if wi in prev and self.tt.at[wi] != prev[wi][0])

    def cost(self, wishes: list[int], days: set[int]) -> int:
        return self.w.gaps * self._gaps(wishes, days) + self.w.moved * self._moved(wishes)

    def relocate(self, wi: int) -> bool:
        """Move meeting wi to the slot that lowers the cost most, if any does."""
        tt, fest = self.tt, self.fest
        old = tt.at[wi]
        d0 = fest.day_of[old]
        before = {d: self.cost([wi], {d0, d}) for d in range(fest.n_days)}
        tt.remove(wi)
        best, gain = old, 0
        for s in bit_list(tt.open_mask(wi)):
            if s != old and tt.table_load(s) < fest.table_cap[s]:
                days = {d0, fest.day_of[s]}
                tt.place(wi, s)
                g = before[fest.day_of[s]] - self.cost([wi], days)
                allowed = not tt.over_budget()  # the moves budget is a hard limit, whatever the gain
                tt.remove(wi)
                if g > gain and allowed:
                    best, gain = s, g
        tt.place(wi, best)
        return best != old

    def _chain(self, wi: int, s1: int, s2: int) -> list[int] | None:
        """The Kempe chain of meeting wi between slots s1 and s2: meetings linked by shared attendees."""
        tt, fest = self.tt, self.fest
        chain, todo = {wi}, [wi]
        while todo:
            m = todo.pop()
            other = s2 if tt.at[m] == s1 else s1
            if m in tt.locked or not (fest.usable[m] >> other) & 1 or len(chain) > 24:
                return None
            for p in fest.parts[m]:
                q = tt.who.get((p, other))
                if q is not None and q not in chain:
                    chain.add(q)
                    todo.append(q)
        return list(chain)

    def kempe(self, wi: int, s2: int) -> bool:
        """Swap a chain of meetings between two slots of one day when tables allow and the cost drops."""
        tt, fest = self.tt, self.fest
        s1 = tt.at[wi]
        if fest.day_of[s1] != fest.day_of[s2]:
            return False  # within one day only: day counts stay as they are, so caps need no check
        chain = self._chain(wi, s1, s2)
        if chain is None:
            return False
        n1 = sum(1 for m in chain if tt.at[m] == s1)
        n2 = len(chain) - n1
        if len(tt.in_slot[s2]) - n2 + n1 > fest.table_cap[s2] or len(tt.in_slot[s1]) - n1 + n2 > fest.table_cap[s1]:
            return False
        days = {fest.day_of[s1]}
        base = self.cost(chain, days)
        self._flip(chain, s1, s2)
        if self.cost(chain, days) < base and not tt.over_budget():
            return True
        self._flip(chain, s1, s2)
        return False

    def _flip(self, chain: list[int], s1: int, s2: int) -> None:
        where = {m: self.tt.remove(m) for m in chain}
        for m, s in where.items():
            self.tt.place(m, s2 if s == s1 else s1)

    def swap(self, a: int, b: int) -> bool:
        """Exchange the slots of two meetings of the same attendee when both fit and the cost drops."""
        tt, fest = self.tt, self.fest
        sa, sb = tt.at[a], tt.at[b]
        days = {fest.day_of[sa], fest.day_of[sb]}
        base = self.cost([a, b], days)
        tt.remove(a)
        tt.remove(b)
        if tt.fits(a, sb):
            tt.place(a, sb)
            if tt.fits(b, sa):
                tt.place(b, sa)
                if self.cost([a, b], days) < base and not tt.over_budget():
                    return True
                tt.remove(b)
            tt.remove(a)
        tt.place(a, sa)
        tt.place(b, sb)
        return False


def compact(fest: Festival, tt: Timetable, weights: Weights, stop: Callable[[], bool]) -> int:
    """Sweep attendee-days with gaps until a sweep changes nothing or time is up; returns moves made."""
    search = GapSearch(fest, tt, weights)
    moves = 0
    for _ in range(8):
        before = moves
        for p in range(len(fest.attendees)):
            if not tt.busy[p]:
                continue
            if stop():
                return moves
            for d in range(fest.n_days):
                if search.gaps(p, d) <= 0:
                    continue
                mine = [wi for wi in fest.wishes_of[p] if tt.at[wi] >= 0 and fest.day_of[tt.at[wi]] == d
                        and wi not in tt.locked]
                for wi in mine:
                    moves += search.relocate(wi)
                if search.gaps(p, d) > 0 and fest.simple_slots:
                    for wi in mine:
                        for s2 in bit_list(fest.usable[wi] & fest.day_mask[d]):
                            if tt.at[wi] != s2 and search.kempe(wi, s2):
                                moves += 1
                if search.gaps(p, d) > 0:
                    for i, a in enumerate(mine):
                        for b in mine[i + 1:]:
                            moves += search.swap(a, b)
        if moves == before:
            break
    return moves


def relocate_gappy(fest: Festival, tt: Timetable, weights: Weights, stop: Callable[[], bool]) -> int:
    """One pass of single moves, to any day, of the first and last meeting of each attendee-day with an idle
    run: the moves Kempe swaps inside a day cannot make (an inner meeting moved away only opens another
    gap). Returns the moves made."""
    search = GapSearch(fest, tt, weights)
    moves = 0
    for p in range(len(fest.attendees)):
        if not tt.busy[p]:
            continue
        if p % 256 == 0 and stop():
            break
        for d in range(fest.n_days):
            if search.gaps(p, d) > 0:
                mine = sorted((w for w in fest.wishes_of[p] if tt.at[w] >= 0 and fest.day_of[tt.at[w]] == d
                               and w not in tt.locked), key=lambda w: tt.at[w])
                for wi in {mine[0], mine[-1]} if mine else ():  # duty alone can make the idle run
                    moves += search.relocate(wi)
    return moves
