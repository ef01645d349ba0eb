"""A solver run: its parameters, status, figures and timings."""

from __future__ import annotations

from dataclasses import dataclass, field

from forum.domain.moves import DEFAULT_MOVES_BUDGET
from forum.domain.roles import RunStatus


@dataclass(frozen=True)
class SolverRun:
    id: str
    event: str
    status: RunStatus = RunStatus.QUEUED
    time_limit: float = 30.0
    weights: dict[str, int] = field(default_factory=dict)
    figures: dict[str, float] = field(default_factory=dict)
    created_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None
    reason: str = ""
    # How many published meetings and pitches the run may move: "12" or "2%" (forum.domain.moves).
    max_moved: str = DEFAULT_MOVES_BUDGET
