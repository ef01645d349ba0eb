"""What a solve takes (parameters, weights) and what it gives back (progress, result)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forum.domain import Schedule, Weights


@dataclass(frozen=True)
class SolveParams:
    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    weights: Weights = field(default_factory=Weights)
    # A hard limit on the published meetings and pitches (`previous`, `previous_pitches`) moved; None: no limit.
    max_moved: int | None = None


# The phase of the first progress report with a complete, valid schedule: every meeting placed keeps every rule.
FIRST_SCHEDULE = "first schedule"


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


__all__ = ["FIRST_SCHEDULE", "Progress", "SolveParams", "SolveResult", "Weights"]
