"""What the run pages show: a run with its curve and progress, and the form values to start one."""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from typing import Any

from forum.domain import RunStatus, SolverRun, Weights
from forum.errors import InvalidInput
from forum.services.runs.compare import FIGURES, run_figures
from forum.services.runs.queries import RunState
from forum.web.views import charts

DEFAULT_WEIGHTS = {f.name: f.default for f in fields(Weights)}
ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


@dataclass(frozen=True)
class RunView:
    run: SolverRun
    published: bool
    active: bool
    publishable: bool  # finished or stopped with a schedule to publish
    percent: int
    latest: dict[str, Any]
    curve: str
    figures: dict[str, int]  # as recorded when the run ended (run_figures); while it runs, its latest progress


def weights_from(form: dict[str, str]) -> dict[str, int]:
    """Whole-number weights from the start form; an empty field keeps the default."""
    out = {}
    for name in DEFAULT_WEIGHTS:
        raw = (form.get(name) or "").strip()
        if not raw:
            continue
        try:
            out[name] = int(raw)
        except ValueError:
            raise InvalidInput(f"weight {name} must be a whole number, got {raw[:20]!r}") from None
    return out


def view(found: RunState) -> RunView:
    run, points = found.run, found.progress
    latest = points[-1] if points else {}
    active = run.status in ACTIVE
    elapsed = float(latest.get("elapsed", 0.0)) if active else run.time_limit
    if active and run.started_at:
        elapsed = max(elapsed, time.time() - run.started_at)
    percent = 100 if not active else int(min(99, 100 * elapsed / max(run.time_limit, 1)))
    curve = charts.curve([(float(p.get("elapsed", 0)), float(p.get("value", 0)),
                           None if p.get("bound") is None else float(p["bound"])) for p in points],
                         f"Run {run.id}: value and bound")
    figures = run_figures(run) or {k: int(latest[k]) for k in FIGURES if isinstance(latest.get(k), int | float)}
    return RunView(run, found.published, active, not active and found.has_schedule, percent, latest, curve,
                   figures)
