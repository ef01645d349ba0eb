"""Data series of a schedule for the organizer's charts: occupancy per slot, meetings per attendee, met share."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from forum.checker.rules import is_live
from forum.domain import Instance, LocationKind, Meeting, SlotKind

MAX_ROWS = 40  # above this many tables the occupancy is given per area instead


@dataclass(frozen=True)
class Grid:
    """Shares in [0, 1]: one row per table or area, one column per slot labelled 'DD/MM HH:MM'."""

    rows: list[str]
    cols: list[str]
    values: list[list[float]]


@dataclass(frozen=True)
class Histogram:
    """Counts per label (one bar each), split into named series (e.g. one per role)."""

    labels: list[str]
    series: dict[str, list[int]]


def occupancy(inst: Instance, meetings: list[Meeting]) -> Grid:
    """Share of tables used per slot: per table when there are few, per area otherwise."""
    slots = sorted((s for s in inst.slots if s.kind is SlotKind.MEETING), key=lambda s: (s.start, s.id))
    tables = sorted((loc for loc in inst.locations if loc.kind is LocationKind.TABLE), key=lambda t: (t.area, t.id))
    by_area = len(tables) > MAX_ROWS
    group = {t.id: (f"area {t.area or '-'}" if by_area else (t.name if t.name and len(t.name) <= 18 else t.id))
             for t in tables}
    rows = list(dict.fromkeys(group[t.id] for t in tables))
    size = Counter(group.values())
    used: dict[tuple[str, str], int] = defaultdict(int)
    for m in meetings:
        if is_live(m) and m.location in group:
            used[(group[m.location], m.slot)] += 1
    values = [[used[(row, s.id)] / size[row] for s in slots] for row in rows]
    return Grid(rows, [f"{s.start:%d/%m %H:%M}" for s in slots], values)


def meetings_per_attendee(inst: Instance, meetings: list[Meeting]) -> Histogram:
    """How many attendees of each role have 0, 1, 2... meetings."""
    wishes = {w.id: w for w in inst.wishes}
    count: Counter[str] = Counter()
    for m in meetings:
        if is_live(m) and m.wish in wishes:
            count.update(wishes[m.wish].participants)
    people = [a for a in inst.attendees if a.role != "organizer"]
    top = max((count[a.id] for a in people), default=0)
    series: dict[str, list[int]] = {}
    for a in sorted(people, key=lambda a: a.role):
        series.setdefault(a.role, [0] * (top + 1))[count[a.id]] += 1
    return Histogram([str(n) for n in range(top + 1)], series)


def met_share(inst: Instance, meetings: list[Meeting]) -> Histogram:
    """Requesters by the share of their wished weight that is met, in fifths."""
    met = {m.wish for m in meetings if is_live(m)}
    asked: Counter[str] = Counter()
    got: Counter[str] = Counter()
    for w in inst.wishes:
        asked[w.requester] += w.weight
        got[w.requester] += w.weight if w.id in met else 0
    labels = ["0%", "1–20%", "21–40%", "41–60%", "61–80%", "81–99%", "100%"]
    counts = [0] * len(labels)
    for who, total in asked.items():
        share = got[who] / total
        counts[0 if share == 0 else 6 if share >= 1 else 1 + min(4, int(share * 100 - 1e-9) // 20)] += 1
    return Histogram(labels, {"requesters": counts})
