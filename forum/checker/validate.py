"""The solver-free validator: rechecks every hard rule of the instance format on a schedule."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from forum.checker.engagements import Engagement, attendee_engagements, location_engagements, overlapping_pairs
from forum.checker.figures import moved_entries
from forum.domain import Instance, LocationKind, Schedule, SlotKind, covered

RULES = {
    1: "wish met once, in a meeting slot, at a table",
    2: "participants available",
    3: "no overlapping engagements",
    4: "one use of a location at a time",
    5: "caps, required and fixed",
    6: "pitches",
    7: "moves within the budget",
}
MOVED_NAMED = 20  # ids a budget violation names; the count is always whole


@dataclass(frozen=True)
class Violation:
    rule: int
    message: str
    ids: tuple[str, ...]

    @property
    def name(self) -> str:
        return RULES[self.rule]

    def __str__(self) -> str:
        return f"rule {self.rule} ({self.name}): {self.message} [{', '.join(self.ids)}]"


def _rule1_meetings(inst: Instance, schedule: Schedule) -> list[Violation]:
    slots = {s.id: s for s in inst.slots}
    locations = {loc.id: loc for loc in inst.locations}
    wishes = {w.id for w in inst.wishes}
    out: list[Violation] = []
    for wish, n in Counter(m.wish for m in schedule.meetings).items():
        if n > 1:
            out.append(Violation(1, f"wish {wish} is met {n} times", (wish,)))
    for m in schedule.meetings:
        if m.wish not in wishes:
            out.append(Violation(1, f"meeting for unknown wish {m.wish}", (m.wish,)))
        if m.slot not in slots:
            out.append(Violation(1, f"meeting {m.wish} at unknown slot {m.slot}", (m.wish, m.slot)))
        elif slots[m.slot].kind != SlotKind.MEETING:
            out.append(Violation(1, f"meeting {m.wish} in pitch slot {m.slot}", (m.wish, m.slot)))
        if m.location not in locations:
            out.append(Violation(1, f"meeting {m.wish} at unknown location {m.location}", (m.wish, m.location)))
        elif locations[m.location].kind != LocationKind.TABLE:
            out.append(Violation(1, f"meeting {m.wish} in room {m.location}, not at a table",
                                 (m.wish, m.location)))
    return out


def _rule2_availability(inst: Instance, schedule: Schedule) -> list[Violation]:
    slots = {s.id: s for s in inst.slots}
    wishes = {w.id: w for w in inst.wishes}
    people = {a.id: a for a in inst.attendees}
    out: list[Violation] = []
    for m in schedule.meetings:
        wish, slot = wishes.get(m.wish), slots.get(m.slot)
        if wish is None or slot is None:
            continue
        if not covered(slot.window, wish.within):
            out.append(Violation(2, f"meeting {wish.id} at {slot.id} is outside the wish's windows",
                                 (wish.id, slot.id)))
        for who in wish.participants:
            if who in people and not covered(slot.window, people[who].available):
                out.append(Violation(2, f"{who} is not available at {slot.id} for meeting {wish.id}",
                                     (wish.id, who, slot.id)))
    return out


def _rule3_attendee_overlaps(inst: Instance, schedule: Schedule,
                             engaged: dict[str, list[Engagement]] | None = None) -> list[Violation]:
    out: list[Violation] = []
    engaged = attendee_engagements(inst, schedule) if engaged is None else engaged
    for who, engagements in engaged.items():
        for a, b in overlapping_pairs(engagements):
            out.append(Violation(3, f"{who} is in {a.what} and {b.what} at the same time", (who, a.what, b.what)))
    return out


def _rule4_location_overlaps(inst: Instance, schedule: Schedule) -> list[Violation]:
    out: list[Violation] = []
    for where, engagements in location_engagements(inst, schedule).items():
        for a, b in overlapping_pairs(engagements):
            out.append(Violation(4, f"{where} holds {a.what} and {b.what} at the same time",
                                 (where, a.what, b.what)))
    return out


def _rule5_caps(inst: Instance, schedule: Schedule) -> list[Violation]:
    day_of = {s.id: s.window.day for s in inst.slots}  # once per slot, not once per meeting and person
    wishes = {w.id: w for w in inst.wishes}
    total: Counter[str] = Counter()
    per_day: dict[tuple[str, object], int] = defaultdict(int)
    for m in schedule.meetings:
        if m.wish in wishes and m.slot in day_of:
            when = day_of[m.slot]
            for who in wishes[m.wish].participants:
                total[who] += 1
                per_day[(who, when)] += 1
    out: list[Violation] = []
    for a in inst.attendees:
        if a.max_meetings is not None and total[a.id] > a.max_meetings:
            out.append(Violation(5, f"{a.id} has {total[a.id]} meetings, over the cap of {a.max_meetings} meetings",
                                 (a.id,)))
    people = {a.id: a for a in inst.attendees}
    for (who, day), n in sorted(per_day.items(), key=str):
        cap = people[who].max_per_day if who in people else None
        if cap is not None and n > cap:
            out.append(Violation(5, f"{who} has {n} meetings on {day}, over the cap of {cap} a day", (who,)))
    return out


def _rule5_required_fixed(inst: Instance, schedule: Schedule) -> list[Violation]:
    met = {m.wish for m in schedule.meetings}
    placed = set(schedule.meetings)
    out = [Violation(5, f"required wish {w.id} is not scheduled", (w.id,))
           for w in inst.wishes if w.required and w.id not in met]
    out += [Violation(5, f"fixed meeting {f.wish} at {f.slot}/{f.location} was not kept", (f.wish, f.slot))
            for f in inst.fixed if f not in placed]
    pitched = set(schedule.pitches)
    out += [Violation(5, f"fixed pitch of {f.project} at {f.slot} was not kept", (f.project, f.slot))
            for f in inst.fixed_pitches if f not in pitched]
    return out


def _rule6_pitches(inst: Instance, schedule: Schedule) -> list[Violation]:
    slots = {s.id: s for s in inst.slots}
    projects = {p.id: p for p in inst.projects}
    sessions = {s.id: s for s in inst.pitch_sessions}
    out: list[Violation] = []
    count = Counter(p.project for p in schedule.pitches)
    for p in inst.projects:
        if count[p.id] != 1:
            out.append(Violation(6, f"project {p.id} is pitched {count[p.id]} times, not once", (p.id,)))
    for pid in count:
        if pid not in projects:
            out.append(Violation(6, f"pitch of unknown project {pid}", (pid,)))
    for slot_id, n in Counter(p.slot for p in schedule.pitches).items():
        if n > 1:
            out.append(Violation(6, f"pitch slot {slot_id} holds {n} projects", (slot_id,)))
    for pp in schedule.pitches:
        project = projects.get(pp.project)
        if project is None:
            continue
        slot = slots.get(pp.slot)
        if slot is None or slot.kind != SlotKind.PITCH:
            out.append(Violation(6, f"project {pp.project} is pitched outside a pitch slot ({pp.slot})",
                                 (pp.project,)))
            continue
        allowed = project.sessions if project.sessions is not None else tuple(sessions)
        if not any(pp.slot in sessions[s].slots for s in allowed if s in sessions):
            out.append(Violation(6, f"project {pp.project} is pitched at {pp.slot}, not in one of its sessions",
                                 (pp.project, pp.slot)))
    return out


def rule7_moves(inst: Instance, schedule: Schedule, max_moved: int | None) -> list[Violation]:
    """A re-solve given a moves budget moves at most that many published meetings and pitches."""
    if max_moved is None:
        return []
    moved = moved_entries(inst, schedule)
    if len(moved) <= max_moved:
        return []
    return [Violation(7, f"{len(moved)} published meetings and pitches moved, over the budget of {max_moved}",
                      tuple(moved[:MOVED_NAMED]))]


def validate(inst: Instance, schedule: Schedule, engaged: dict[str, list[Engagement]] | None = None,
             max_moved: int | None = None) -> list[Violation]:
    """Every broken hard rule, with the ids involved; empty when the schedule is valid. `engaged` is
    attendee_engagements(inst, schedule), read from the schedule alone, when the caller has it already;
    `max_moved` is the run's moves budget, when it has one."""
    out = _rule1_meetings(inst, schedule) + _rule2_availability(inst, schedule)
    out += _rule3_attendee_overlaps(inst, schedule, engaged)
    checks = (_rule4_location_overlaps, _rule5_caps, _rule5_required_fixed, _rule6_pitches)
    return out + [v for check in checks for v in check(inst, schedule)] + rule7_moves(inst, schedule, max_moved)
