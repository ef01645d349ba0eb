"""Contradictions that make an instance infeasible before any search: broken fixed and required entries."""

from __future__ import annotations

from collections import defaultdict

from forum.domain import Instance, LocationKind, SlotKind, covered
from forum.solver.prep import Festival


def _fixed_entry_conflicts(inst: Instance) -> list[str]:
    slots = {s.id: s for s in inst.slots}
    locations = {loc.id: loc for loc in inst.locations}
    wishes = {w.id: w for w in inst.wishes}
    people = {a.id: a for a in inst.attendees}
    out = []
    seen: dict[str, str] = {}
    for i, f in enumerate(inst.fixed):
        where = f"fixed[{i}] (wish {f.wish} at {f.slot}/{f.location})"
        if seen.get(f.wish, f.slot + f.location) != f.slot + f.location:
            out.append(f"{where} contradicts another fixed entry for the same wish")
        seen[f.wish] = f.slot + f.location
        slot, wish = slots[f.slot], wishes[f.wish]
        if slot.kind != SlotKind.MEETING:
            out.append(f"{where}: {f.slot} is not a meeting slot")
        if locations[f.location].kind != LocationKind.TABLE:
            out.append(f"{where}: {f.location} is not a table")
        if not covered(slot.window, wish.within):
            out.append(f"{where}: {f.slot} is outside the wish's time windows")
        for who in wish.participants:
            if not covered(slot.window, people[who].available):
                out.append(f"{where}: {who} is not available then")
    return out


def _fixed_clashes(inst: Instance) -> list[str]:
    """Fixed meetings that overlap for an attendee or at a table (sweep per attendee and per table)."""
    slots = {s.id: s for s in inst.slots}
    wishes = {w.id: w for w in inst.wishes}
    entries = list({f.wish: f for f in inst.fixed}.values())
    by_owner: dict[str, list] = defaultdict(list)
    for f in entries:
        for who in wishes[f.wish].participants:
            by_owner[who].append(f)
        by_owner["table " + f.location].append(f)
    out = []
    for owner, mine in by_owner.items():
        mine.sort(key=lambda f: slots[f.slot].start)
        for a, b in zip(mine, mine[1:], strict=False):
            if slots[a.slot].window.overlaps(slots[b.slot].window):
                where = owner if owner.startswith("table ") else f"for {owner}"
                out.append(f"fixed meetings {a.wish} and {b.wish} overlap {where}")
    return out


def _required_conflicts(fest: Festival) -> list[str]:
    out = []
    load: dict[int, list[str]] = defaultdict(list)
    day_load: dict[tuple[int, int], list[str]] = defaultdict(list)
    for wi, wish in enumerate(fest.wishes):
        if not fest.required[wi]:
            continue
        if not fest.feasible[wi]:
            out.append(f"required wish {wish.id}: {', '.join(wish.participants)} share no free slot"
                       + (" inside its time windows" if wish.within is not None else ""))
        days = fest.slot_days(fest.feasible[wi])
        for p in fest.parts[wi]:
            load[p].append(wish.id)
            if len(days) == 1:
                day_load[(p, days[0])].append(wish.id)
    for p, names in load.items():
        room = fest.capacity(p, fest.available)
        if len(names) > room:
            why = f"a cap of {fest.cap_total[p]}" if room == fest.cap_total[p] else f"room for only {room}"
            out.append(f"{fest.attendees[p].id} has {len(names)} required or fixed meetings "
                       f"({', '.join(names)}) but {why}")
    for (p, _), names in day_load.items():
        if len(names) > fest.cap_day[p]:
            out.append(f"{fest.attendees[p].id} has {len(names)} required meetings ({', '.join(names)}) that "
                       f"can only happen the same day, over the cap of {fest.cap_day[p]} a day")
    return out


def precheck(inst: Instance, fest: Festival) -> list[str]:
    """Every contradiction found cheaply; empty does not prove feasibility."""
    conflicts = _fixed_entry_conflicts(inst)
    if conflicts:
        return conflicts
    return _fixed_clashes(inst) + _required_conflicts(fest)
