"""The soft goals a schedule is judged by, and their integer weights."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """Integer weights of the soft goals, in their default order of importance.

    `value` is per weight point of a met wish; `unserved` per requester left with nothing (as much as a
    top-priority weight-10 meeting: everyone gets something before anyone gets a lot); `gaps` per idle
    run; `moved` per published meeting (or pitch) moved or dropped in a re-solve. A move disturbs two people who
    already planned around the meeting, so it must close two idle runs to pay for itself; only a
    re-solve has moves to weigh, and there stability is what organizers ask for.
    """

    value: int = 10
    unserved: int = 100
    gaps: int = 3
    moved: int = 5
