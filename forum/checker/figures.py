"""The quality figures of a schedule (value, met, unserved, gaps, moved), computed without the solver."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from forum.checker.engagements import Engagement, attendee_engagements
from forum.checker.rules import unserved
from forum.domain import Instance, Schedule, Slot, SlotKind, Window, covered


class MeetingDays:
    """The meeting slots of each day in time order, and who is available in which (cached per pattern)."""

    def __init__(self, inst: Instance) -> None:
        meeting = sorted((s for s in inst.slots if s.kind == SlotKind.MEETING), key=lambda s: (s.start, s.end))
        self.slots: list[Slot] = meeting
        self.index = {s.id: i for i, s in enumerate(meeting)}
        self.day_of: list[date] = [s.window.day for s in meeting]
        self._starts = [s.start for s in meeting]
        self._ends = [s.end for s in meeting]
        self._sorted_ends = all(a <= b for a, b in zip(self._ends, self._ends[1:], strict=False))
        self._cache: dict[tuple[Window, ...] | None, list[int]] = {}
        # Meeting slots that overlap each other (rare: slots of different lengths) engage each other.
        self.overlaps: list[list[int]] = [[i] for i in range(len(meeting))]
        for i, s in enumerate(meeting):
            for j in range(i + 1, len(meeting)):
                if meeting[j].start >= s.end:
                    break
                self.overlaps[i].append(j)
                self.overlaps[j].append(i)

    def touching(self, w: Window) -> range | list[int]:
        """Indices of the meeting slots that overlap `w`."""
        if self._sorted_ends:
            return range(bisect_right(self._ends, w.start), bisect_left(self._starts, w.end))
        return [i for i, s in enumerate(self.slots) if s.window.overlaps(w)]

    def available(self, windows: tuple[Window, ...] | None) -> list[int]:
        if windows not in self._cache:
            self._cache[windows] = [i for i, s in enumerate(self.slots) if covered(s.window, windows)]
        return self._cache[windows]


def idle_gaps(engaged: Iterable[bool]) -> int:
    """THE idle gap rule: over one attendee's available meeting slots of one day, in time order, each run of
    slots with nothing on that has an engaged slot before and after it is one gap. The solver counts the same
    thing on bitsets (`solver.compact.DayGaps`) through this function."""
    runs, previous = 0, False
    for now in engaged:
        runs += int(now and not previous)
        previous = now
    return max(0, runs - 1)


def count_gaps(days: MeetingDays, available: list[int], busy: set[int]) -> int:
    """Idle gaps of one attendee over all days: `available` meeting slot indices, `busy` the engaged ones."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for i in available:
        by_day[days.day_of[i]].append(i)
    return sum(idle_gaps(i in busy for i in seq) for seq in by_day.values())


def _eligible_requesters(inst: Instance, days: MeetingDays) -> set[str]:
    """Requesters with at least one wish that some meeting slot could hold on its own."""
    people = {a.id: a for a in inst.attendees}
    out: set[str] = set()
    for w in inst.wishes:
        if w.requester in out or any(p not in people for p in w.participants):
            continue
        for i in days.available(people[w.requester].available):
            slot = days.slots[i]
            if covered(slot.window, w.within) and all(covered(slot.window, people[p].available)
                                                      for p in w.participants):
                out.add(w.requester)
                break
    return out


def gaps_of(inst: Instance, schedule: Schedule, days: MeetingDays | None = None,
            engaged: dict[str, list[Engagement]] | None = None) -> dict[str, int]:
    days = days or MeetingDays(inst)
    engaged = attendee_engagements(inst, schedule) if engaged is None else engaged
    out: dict[str, int] = {}
    for a in inst.attendees:
        spans = [e.window for e in engaged.get(a.id, [])]
        if not spans:
            continue
        available = days.available(a.available)
        busy = {i for w in spans for i in days.touching(w)}
        out[a.id] = count_gaps(days, available, busy)
    return out


def eligible_requesters(inst: Instance) -> set[str]:
    """Who could be served at all: it does not depend on the schedule, so a solver can work it out early."""
    return _eligible_requesters(inst, MeetingDays(inst))


def quality(inst: Instance, schedule: Schedule, eligible: set[str] | None = None,
            engaged: dict[str, list[Engagement]] | None = None) -> dict[str, int]:
    """value, met, unserved, gaps and moved as the instance format defines them. A caller that has
    eligible_requesters(inst) or attendee_engagements(inst, schedule) already may pass them in."""
    days = MeetingDays(inst)
    if eligible is None:
        eligible = _eligible_requesters(inst, days)
    wishes = {w.id: w for w in inst.wishes}
    met = {m.wish for m in schedule.meetings if m.wish in wishes}
    return {
        "value": sum(wishes[w].weight for w in met),
        "met": len(met),
        "unserved": len(eligible.intersection(unserved(inst.wishes, schedule))),
        "gaps": sum(gaps_of(inst, schedule, days, engaged).values()),
        "moved": moved(inst, schedule),
    }


def moved_entries(inst: Instance, schedule: Schedule) -> list[str]:
    """THE moved rule: the `previous` meetings whose slot or table changed or that were dropped, and the
    `previous_pitches` whose slot changed or that were dropped, by wish or project id."""
    placed, pitched = set(schedule.meetings), set(schedule.pitches)
    meetings = [p.wish for p in inst.previous if p not in placed]
    return meetings + [p.project for p in inst.previous_pitches if p not in pitched]


def moved(inst: Instance, schedule: Schedule) -> int:
    return len(moved_entries(inst, schedule))
