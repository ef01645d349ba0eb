"""Tables for the slotted meetings: fixed ones keep theirs, published ones keep theirs when free."""

from __future__ import annotations

from forum.domain import Placement
from forum.solver.prep import Festival
from forum.solver.timetable import Timetable


def assign_tables(fest: Festival, tt: Timetable, room_busy: dict[str, set[int]]) -> list[Placement]:
    """One table per meeting; a meeting no table can take is dropped from the timetable."""
    taken: dict[str, set[int]] = {t: set(room_busy.get(t, ())) for t in fest.tables}
    table_of: dict[int, str] = {}

    def free(t: str, s: int) -> bool:
        return not (taken[t] & set(fest.days.overlaps[s]))

    def claim(wi: int, t: str) -> None:
        taken[t].add(tt.at[wi])
        table_of[wi] = t

    met = tt.met()
    for source in (fest.fixed, fest.previous):
        for wi in met:
            want = source.get(wi)
            if wi not in table_of and want and want[0] == tt.at[wi] and want[1] in taken and free(want[1], want[0]):
                claim(wi, want[1])
    for wi in sorted(met, key=lambda w: tt.at[w]):
        if wi in table_of:
            continue
        s = tt.at[wi]
        table = next((t for t in fest.tables if free(t, s)), None)
        if table is None:
            tt.remove(wi)
        else:
            claim(wi, table)
    return [Placement(fest.wishes[wi].id, fest.days.slots[tt.at[wi]].id, table_of[wi])
            for wi in sorted(table_of, key=lambda w: (tt.at[w], table_of[w]))]
