"""What stands in the way of adding one meeting to a schedule, rule by rule, without rechecking the rest.

The left-out page asks this for hundreds of wishes and slots, so it works from indexes built once; the
answers are the validator's own rules (availability, engagements with whole panel sessions, one use of a
table, caps), so a place it calls free is one the validator and the organizer's move accept.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate

from forum.checker.engagements import Engagement, attendee_engagements, location_engagements
from forum.domain import Instance, LocationKind, Schedule, Slot, SlotKind, Window, Wish, covered


@dataclass(frozen=True)
class Obstacle:
    """One rule that refuses the meeting, and the person (if any) who could lift it."""

    rule: int  # the validator's rule number
    who: str  # attendee id, or "" when it is about the slot, the table or the wish itself
    kind: str  # "slot", "table", "wish window", "availability", "busy", "cap", "day cap"
    limit: int | None = None  # the cap in question


class Occupancy:
    """Who and which table is engaged when in `schedule`, and how many meetings each person has."""

    def __init__(self, inst: Instance, schedule: Schedule) -> None:
        self.inst = inst
        self.slots = {s.id: s for s in inst.slots}
        self.locations = {loc.id: loc for loc in inst.locations}
        self.people = {a.id: a for a in inst.attendees}
        self.engaged: dict[str, list[Engagement]] = attendee_engagements(inst, schedule)
        self.taken: dict[str, list[Engagement]] = location_engagements(inst, schedule)
        wishes = {w.id: w for w in inst.wishes}
        self.total: Counter[str] = Counter()
        self.per_day: Counter[tuple[str, date]] = Counter()
        for m in schedule.meetings:
            if m.wish in wishes and m.slot in self.slots:
                day = self.slots[m.slot].window.day
                for who in wishes[m.wish].participants:
                    self.total[who] += 1
                    self.per_day[(who, day)] += 1
        self._tables: list[tuple[str, list[datetime], list[datetime]]] | None = None
        self._first_free: dict[str, str | None] = {}

    def add(self, wish: Wish, slot_id: str, table: str) -> None:
        """Take `table` and the wish's people at `slot_id`, as if the meeting were in the schedule."""
        self.hold(f"meeting {wish.id}", wish.participants, slot_id, table)

    def hold(self, what: str, people: tuple[str, ...], slot_id: str, table: str) -> None:
        """Take `table` and `people` at `slot_id` for `what` (a meeting, or a place still on offer)."""
        slot = self.slots[slot_id]
        taken = Engagement(slot.window, what)
        self.taken.setdefault(table, []).append(taken)
        self._tables, self._first_free = None, {}  # the table index no longer holds
        for who in people:
            self.engaged.setdefault(who, []).append(taken)
            self.total[who] += 1
            self.per_day[(who, slot.window.day)] += 1

    def meeting_slots(self) -> list[Slot]:
        return sorted((s for s in self.inst.slots if s.kind is SlotKind.MEETING), key=lambda s: (s.start, s.id))

    def first_free_table(self, slot: Slot) -> str | None:
        """The first table in the event's order with nothing overlapping the slot, found by bisection and
        kept per slot: pages ask this for many wishes."""
        if slot.id not in self._first_free:
            self._first_free[slot.id] = next((table for table, starts, ends in self._table_index()
                                              if not _overlaps(starts, ends, slot.window)), None)
        return self._first_free[slot.id]

    def _table_index(self) -> list[tuple[str, list[datetime], list[datetime]]]:
        """Per table: its engagements' starts in order, and the latest end among the first i of them."""
        if self._tables is None:
            self._tables = []
            for loc in self.inst.locations:
                if loc.kind is LocationKind.TABLE:
                    windows = sorted((e.window for e in self.taken.get(loc.id, ())), key=lambda w: w.start)
                    self._tables.append((loc.id, [w.start for w in windows],
                                         list(accumulate((w.end for w in windows), max))))
        return self._tables

    def obstacles(self, wish: Wish, slot_id: str, table: str) -> list[Obstacle]:
        """Every rule that refuses meeting `wish` at `slot_id` and `table`; empty when it can be placed."""
        slot, location = self.slots.get(slot_id), self.locations.get(table)
        out: list[Obstacle] = []
        if slot is None or slot.kind is not SlotKind.MEETING:
            return [Obstacle(1, "", "slot")]
        if location is None or location.kind is not LocationKind.TABLE:
            out.append(Obstacle(1, "", "table"))
        elif any(e.window.overlaps(slot.window) for e in self.taken.get(table, ())):
            out.append(Obstacle(4, "", "table"))
        if not covered(slot.window, wish.within):
            out.append(Obstacle(2, "", "wish window"))
        for who in wish.participants:
            out += self._person(who, slot)
        return out

    def _person(self, who: str, slot: Slot) -> list[Obstacle]:
        person = self.people.get(who)
        out: list[Obstacle] = []
        if person is not None and not covered(slot.window, person.available):
            out.append(Obstacle(2, who, "availability"))
        if any(e.window.overlaps(slot.window) for e in self.engaged.get(who, ())):
            out.append(Obstacle(3, who, "busy"))
        if person is not None and person.max_meetings is not None and self.total[who] >= person.max_meetings:
            out.append(Obstacle(5, who, "cap", person.max_meetings))
        day_cap = person.max_per_day if person is not None else None
        if day_cap is not None and self.per_day[(who, slot.window.day)] >= day_cap:
            out.append(Obstacle(5, who, "day cap", day_cap))
        return out


def _overlaps(starts: list[datetime], ends: list[datetime], window: Window) -> bool:
    """Whether an engagement (sorted by start, `ends` their running latest end) overlaps `window`."""
    before = bisect_left(starts, window.end)  # engagements starting before the window ends
    return before > 0 and ends[before - 1] > window.start


@dataclass(frozen=True)
class Blocked:
    """Why no slot and table can hold a wish at all: the first of these that holds.

    "no common time": its people are never all available together (inside its windows);
    "cap": `who` reached their cap of `limit` meetings; "busy": every time they share is taken by `who`'s
    engagements (or full days); "tables": no table is free at any time they share.
    """

    kind: str
    who: tuple[str, ...] = ()
    limit: int | None = None


def free_place(occupancy: Occupancy, wish: Wish) -> tuple[Slot, str] | None:
    """The first meeting slot and free table where nothing stands in the way of `wish`, or None."""
    for slot in occupancy.meeting_slots():
        table = occupancy.first_free_table(slot)
        if table is not None and not occupancy.obstacles(wish, slot.id, table):
            return slot, table
    return None


def blocked(occupancy: Occupancy, wish: Wish) -> Blocked | None:
    """None when some slot and table can take `wish` in this schedule; else why none can."""
    common = 0
    busy: set[str] = set()
    for slot in occupancy.meeting_slots():
        found = occupancy.obstacles(wish, slot.id, occupancy.first_free_table(slot) or "")
        if not found:
            return None
        capped = next((o for o in found if o.kind == "cap"), None)
        if capped is not None:
            return Blocked("cap", (capped.who,), capped.limit)
        if any(o.kind in ("wish window", "availability") for o in found):
            continue
        common += 1
        busy.update(o.who for o in found if o.kind in ("busy", "day cap"))
    if common == 0:
        return Blocked("no common time", wish.participants)
    return Blocked("busy", tuple(sorted(busy))) if busy else Blocked("tables")
