"""Filling freed places without moving anyone: open requests that now fit, each at its first free slot and table.

A repair after a decline must answer within seconds at 5,000 attendees, so it cannot ask the placing rules
about every left-out request and every slot. `Openings` keeps, per person, a bit mask of the meeting slots
where nothing that person has rules a meeting out (available, not engaged, under the caps), built with the
very predicates `placing.Occupancy` uses, memoized per distinct window. A request whose people share no such
slot with a free table is skipped; the others are asked of `placing.free_place`, which has the last word.
"""

from __future__ import annotations

from datetime import date

from forum.checker.placing import Occupancy, free_place
from forum.domain import Placement, Schedule, Window, Wish, covered


class Openings:
    """Bit masks over the event's meeting slots (bit i: the i-th slot in time order), kept with `occupancy`."""

    def __init__(self, occupancy: Occupancy) -> None:
        self.occupancy = occupancy
        self.slots = occupancy.meeting_slots()
        self.bit = {s.id: 1 << i for i, s in enumerate(self.slots)}
        self.days: dict[date, int] = {}
        for s in self.slots:
            self.days[s.window.day] = self.days.get(s.window.day, 0) | self.bit[s.id]
        self._inside: dict[tuple[Window, ...] | None, int] = {}
        self._overlapping: dict[Window, int] = {}
        self._people: dict[str, int] = {}
        self.tables = sum(self.bit[s.id] for s in self.slots if occupancy.first_free_table(s) is not None)

    def inside(self, windows: tuple[Window, ...] | None) -> int:
        """Slots lying wholly inside one of `windows` (None: every slot)."""
        if windows not in self._inside:
            self._inside[windows] = sum(self.bit[s.id] for s in self.slots if covered(s.window, windows))
        return self._inside[windows]

    def overlapping(self, window: Window) -> int:
        if window not in self._overlapping:
            self._overlapping[window] = sum(self.bit[s.id] for s in self.slots if s.window.overlaps(window))
        return self._overlapping[window]

    def free(self, who: str) -> int:
        """Slots where `who` could still meet: available, not engaged, below the total and the day cap."""
        if who not in self._people:
            occ, person = self.occupancy, self.occupancy.people.get(who)
            if person is not None and person.max_meetings is not None and occ.total[who] >= person.max_meetings:
                self._people[who] = 0
                return 0
            mask = self.inside(person.available if person is not None else None)
            for e in occ.engaged.get(who, ()):
                mask &= ~self.overlapping(e.window)
            day_cap = person.max_per_day if person is not None else None
            if day_cap is not None:
                for day, bits in self.days.items():
                    if occ.per_day[(who, day)] >= day_cap:
                        mask &= ~bits
            self._people[who] = mask
        return self._people[who]

    def may_fit(self, wish: Wish) -> bool:
        """False when no slot can take the wish (a necessary condition only: free_place decides)."""
        mask = self.tables & self.inside(wish.within)
        for who in wish.participants:
            mask &= self.free(who)
            if not mask:
                return False
        return True

    def take(self, wish: Wish, slot_id: str, table: str) -> None:
        """Add the meeting to the occupancy and forget what it changed."""
        self.occupancy.add(wish, slot_id, table)
        for who in wish.participants:
            self._people.pop(who, None)
        slot = self.occupancy.slots[slot_id]
        if self.occupancy.first_free_table(slot) is None:
            self.tables &= ~self.bit[slot_id]


def fill(occupancy: Occupancy, waiting: list[Wish]) -> tuple[Placement, ...]:
    """Place the `waiting` requests that fit around what `occupancy` holds, in the order given (the caller's
    priority), each at the first slot and table the placing rules accept; nothing already placed moves."""
    openings = Openings(occupancy)
    out: list[Placement] = []
    for wish in waiting:
        if not openings.may_fit(wish):
            continue
        found = free_place(occupancy, wish)
        if found is not None:
            slot, table = found
            openings.take(wish, slot.id, table)
            out.append(Placement(wish.id, slot.id, table))
    return tuple(out)


def priority(wishes: list[Wish]) -> list[Wish]:
    """Who gets a freed place first: requests that must be met (accepted, waiting for a time), then the
    heaviest, then by id (a stable order)."""
    return sorted(wishes, key=lambda w: (not w.required, -w.weight, w.id))


def filled(occupancy: Occupancy, schedule: Schedule, waiting: list[Wish]) -> Schedule:
    """`schedule` with the waiting requests that fit added, heaviest first."""
    added = fill(occupancy, priority(waiting))
    return Schedule(schedule.meetings + added, schedule.pitches, schedule.unscheduled)
