"""Tables for the slotted meetings: fixed ones keep theirs, published ones keep theirs when free."""

from __future__ import annotations

from forum.domain import Placement
from forum.solver.prep import Festival
from forum.solver.timetable import Timetable


def assign_tables(fest: Festival, tt: Timetable, room_busy: dict[str, set[int]]) -> list[Placement]:
    """One table per meeting; a meeting no table can take is dropped from the timetable."""
    used: list[set[str]] = [set() for _ in range(fest.n_slots)]  # tables taken at each slot
    for t, busy in room_busy.items():
        for s in busy:
            used[s].add(t)
    table_of: dict[int, str] = {}
    known = set(fest.tables)

    def free(t: str, s: int) -> bool:
        return all(t not in used[j] for j in fest.days.overlaps[s])

    met = tt.met()
    for source in (fest.fixed, fest.previous):
        for wi in met:
            want = source.get(wi)
            if wi not in table_of and want and want[0] == tt.at[wi] and want[1] in known and free(want[1], want[0]):
                table_of[wi] = want[1]
                used[want[0]].add(want[1])
    for s in range(fest.n_slots):
        waiting = sorted(wi for wi in tt.in_slot[s] if wi not in table_of)
        tables = iter([t for t in fest.tables if free(t, s)])
        for wi in waiting:
            table = next(tables, None)
            if table is None or not free(table, s):
                tt.remove(wi)
                continue
            table_of[wi] = table
            used[s].add(table)
    return [Placement(fest.wishes[wi].id, fest.days.slots[tt.at[wi]].id, table_of[wi])
            for wi in sorted(table_of, key=lambda w: (tt.at[w], table_of[w]))]
