"""What a solve takes (parameters, weights) and what it gives back (progress, result)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forum.domain import Schedule


@dataclass(frozen=True)
class Weights:
    """Integer weights of the soft goals, in their default order of importance.

    `value` is per weight point of a met wish; `unserved` per requester left with nothing (as much as a
    top-priority weight-10 meeting: everyone gets something before anyone gets a lot); `gaps` per idle
    run; `moved` per published meeting moved or dropped in a re-solve. A move disturbs two people who
    already planned around the meeting, so it must close two idle runs to pay for itself; only a
    re-solve has moves to weigh, and there stability is what organizers ask for.
    """

    value: int = 10
    unserved: int = 100
    gaps: int = 3
    moved: int = 5


@dataclass(frozen=True)
class SolveParams:
    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    weights: Weights = field(default_factory=Weights)


@dataclass(frozen=True)
class Progress:
    elapsed: float
    value: int
    bound: int | None
    gaps: int
    met: int
    phase: str


@dataclass
class SolveResult:
    status: str  # "optimal", "feasible", "infeasible", "cancelled" or "timeout"
    schedule: Schedule
    figures: dict[str, Any] = field(default_factory=dict)
    penalties: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    violations: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("optimal", "feasible", "cancelled", "timeout") and not self.violations
