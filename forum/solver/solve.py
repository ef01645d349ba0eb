"""The solve pipeline: pitches, selection (bound), slotting, refill, neighbourhood search, tables, checks."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from forum.checker.engagements import attendee_engagements
from forum.checker.figures import eligible_requesters, quality
from forum.checker.validate import validate
from forum.domain import Instance, Schedule, Unscheduled, Window
from forum.solver import cpsat, parallel
from forum.solver.compact import compact, relocate_gappy
from forum.solver.conflicts import precheck
from forum.solver.explain import reasons
from forum.solver.fairness import serve_starving
from forum.solver.improve import idle_runs, improve
from forum.solver.params import FIRST_SCHEDULE, Progress, SolveParams, SolveResult
from forum.solver.pitches import PitchPlan, plan_pitches
from forum.solver.prep import Festival
from forum.solver.required import place_required
from forum.solver.selection import select
from forum.solver.settle import Settle
from forum.solver.slotting import fill, flexibility, place_fixed, refill_order, restore_published
from forum.solver.tables import assign_tables
from forum.solver.timetable import Timetable


def _reserve(inst: Instance, limit: float, prep_seconds: float) -> float:
    """Time kept back for tables, reasons, validation and figures: they grow with the instance, and
    with how slow this machine is right now, which the preparation time measures."""
    size = 0.3 + 1.6e-5 * (len(inst.wishes) + 10 * len(inst.attendees))
    return min(0.35 * limit, max(size, 0.3 + 12 * prep_seconds))


class Run:
    """One solve: the festival, the clock, the timetable and the progress reports."""

    def __init__(self, inst: Instance, params: SolveParams, on_progress: Callable[[Progress], None] | None,
                 should_stop: Callable[[], bool] | None) -> None:
        self.inst, self.params, self.on_progress = inst, params, on_progress
        started = time.monotonic()
        self.fest = Festival(inst)
        prep = time.monotonic() - started
        self.clock = cpsat.Clock(params.time_limit - prep - _reserve(inst, params.time_limit, prep), should_stop)
        # Computed now rather than in the final figures, which must be quick when the run is cancelled.
        self.requesters = eligible_requesters(inst)
        self.tt = Timetable(self.fest)
        self.bound: int | None = None
        self.pitches_moved = 0
        self.last_report = -1.0
        self.settle = Settle(self.fest, self.tt, params.workers)

    def figures(self) -> tuple[int, int, int]:
        """Value, idle gaps and meetings of the timetable as it stands (a tenth of a second at scale)."""
        fest, tt = self.fest, self.tt
        met = tt.met()
        gaps = sum(idle_runs(fest, tt, p, d) for p in range(len(fest.attendees)) if tt.busy[p]
                   for d in range(fest.n_days))
        return sum(fest.weight[w] for w in met), gaps, len(met)

    def report(self, phase: str, force: bool = True, figures: tuple[int, int, int] | None = None) -> None:
        if self.on_progress is None or (not force and self.clock.elapsed() - self.last_report < 1.0):
            return
        # Each report counts the gaps of everyone: after a cancel none is worth the time, and the final
        # report comes from the figures.
        if self.clock.cancelled:
            return
        self.last_report = self.clock.elapsed()
        value, gaps, met = figures or self.figures()
        self.on_progress(Progress(round(self.clock.elapsed(), 2), value, self.bound, gaps, met, phase))

    def pitches(self) -> PitchPlan:
        slots = {s.id: s for s in self.inst.slots}
        wishes = {w.id: w for w in self.inst.wishes}
        busy: dict[str, list[Window]] = {}
        for f in self.inst.fixed:
            for who in wishes[f.wish].participants:
                busy.setdefault(who, []).append(slots[f.slot].window)
        budget = self.params.max_moved
        plan = plan_pitches(self.inst, busy, min(3.0, max(1.0, 0.05 * self.clock.left())),
                            self.params.weights.moved, budget, self.params.workers)
        # Pitches the plan moved use up part of the moves budget; the meetings get the rest.
        self.tt.budget = None if budget is None else budget - plan.moved
        self.pitches_moved = plan.moved
        projects = {p.id: p for p in self.inst.projects}
        for pp in plan.pitches:
            for who in projects[pp.project].presenters:
                self.fest.block(who, slots[pp.slot].window)
        room_busy: dict[str, set[int]] = {}
        for session in plan.used:
            span = Window(min(slots[s].start for s in session.slots), max(slots[s].end for s in session.slots))
            for who in session.panel:
                self.fest.block(who, span)
        for pp in plan.pitches:
            session = next(s for s in plan.used if pp.slot in s.slots)
            self.fest.block_table(session.location, slots[pp.slot].window)
            room_busy.setdefault(session.location, set()).update(self.fest.days.touching(slots[pp.slot].window))
        self.room_busy = room_busy
        self.fest.refresh_usable()
        return plan

    def eligible(self) -> set[int]:
        return {self.fest.parts[wi][0] for wi in range(len(self.fest.wishes)) if self.fest.feasible[wi]}

    def slotting(self) -> list[str]:
        """Fixed meetings, the selection, published meetings back in place, then the chosen and required
        ones; returns conflicts when the instance (or the moves budget) is infeasible."""
        fest, tt, clock, prm = self.fest, self.tt, self.clock, self.params
        broken = place_fixed(tt)
        if broken:
            return [f"fixed meeting {fest.wishes[wi].id} clashes with a pitch, a panel or a cap" for wi in broken]
        sel = select(fest, clock, 0.35 * clock.left())
        self.bound = sel.bound
        self.report("selection")
        required = [wi for wi in range(len(fest.wishes)) if fest.required[wi]]
        # Published meetings go back first, where they were, all of them before any other meeting can take
        # their place: a re-solve should move as few as it can.
        restore_published(tt)
        first = sorted(set(required) | set(sel.chosen) | set(fest.previous), key=lambda wi: (
            wi not in fest.previous, not fest.required[wi], flexibility(fest, wi), -fest.weight[wi]))
        fill(tt, first, clock.stop)
        conflicts = place_required(fest, tt, clock, 0.5 * clock.left(), prm.workers, prm.seed)
        restore_published(tt)
        return conflicts or self.over_budget()

    def over_budget(self) -> list[str]:
        """After slotting, every published meeting that could go back is back: the rest had to move."""
        fest, tt = self.fest, self.tt
        if not tt.over_budget():
            return []
        moved = [fest.wishes[wi].id for wi in fest.previous if not tt.at_home(wi)]
        more = f" and {len(moved) - 10} more" if len(moved) > 10 else ""
        pitches = f" besides {self.pitches_moved} pitches" if self.pitches_moved else ""
        return [f"{tt.moved()} published meetings cannot stay where they were{pitches} ({', '.join(moved[:10])}"
                f"{more}), more than the moves budget of {self.params.max_moved} allows; raise the budget"]

    def meetings(self) -> list[str]:
        """Everything up to a timetable; returns conflicts when the instance is infeasible."""
        fest, tt, clock, prm = self.fest, self.tt, self.clock, self.params
        conflicts = self.slotting()
        if conflicts:
            return conflicts
        # Every meeting has a slot that keeps every rule: a complete schedule, the one a cancel keeps from now.
        self.report(FIRST_SCHEDULE)
        eligible = self.eligible()
        self.refill(eligible)
        self.report("refill")
        self.search(eligible)

        def reached() -> bool:
            return self.settle.value_reached(self.bound, eligible)

        # CP-SAT windows where value or fairness fall short, and where meeting slots overlap: there no Kempe
        # swap closes gaps, so they run to the end as they always did.
        if not fest.simple_slots or not reached():
            improve(fest, tt, prm.weights, eligible, clock, prm.seed, lambda ph: self.report(ph, force=False),
                    self.bound, prm.workers, reached if fest.simple_slots else lambda: False)
        return []

    def refill(self, eligible: set[int]) -> None:
        """Free slots first for everyone; room made by moving others only when value falls short, heaviest
        wishes first, for a thirtieth of the time: at scale it meets a handful more for seconds the gaps
        search needs more."""
        fest, tt, clock = self.fest, self.tt, self.clock
        rest = [wi for wi in range(len(fest.wishes)) if tt.at[wi] < 0 and fest.usable[wi]]
        left = fill(tt, refill_order(tt, rest, eligible), clock.stop, repair=False)
        serve_starving(fest, tt, eligible, clock.stop)
        if not self.settle.value_reached(self.bound, eligible):
            until = clock.elapsed() + 0.03 * self.params.time_limit
            fill(tt, left, lambda: clock.stop() or clock.elapsed() > until)

    def search(self, eligible: set[int]) -> None:
        """Idle gaps closed on both cores until they stop shrinking (moves and swaps where slots overlap)."""
        fest, tt, clock, prm = self.fest, self.tt, self.clock, self.params
        if not fest.simple_slots:  # overlapping meeting slots: no Kempe swaps, moves and swaps only
            compact_until = clock.elapsed() + 0.5 * clock.left()
            compact(fest, tt, prm.weights, lambda: clock.stop() or clock.elapsed() > compact_until)
            self.report("compact")
            return

        def after_round() -> bool:
            if clock.cancelled:
                return True  # the figures of everyone would only delay the cancel
            # Between rounds, while no helper runs, meetings may change day: a fraction of a second at scale
            # that closes more gaps than the same time of swaps would late in the search.
            relocate_gappy(fest, tt, prm.weights, clock.stop)
            figures = self.figures()
            self.report("search", figures=figures)
            return self.settle.enough(figures, eligible)

        # CP-SAT windows follow only when value or fairness fall short: then they get a tenth of the time.
        share = 1.0 if self.settle.value_reached(self.bound, eligible) else 0.9
        parallel.search(fest, tt, prm.weights, share * clock.left(), clock.stop, prm.seed, prm.workers, after_round)

    def schedule(self, plan: PitchPlan) -> Schedule:
        meetings = assign_tables(self.fest, self.tt, self.room_busy)
        # A cancelled run must return within a second: the slot-by-slot reasons get a tenth of it.
        why = reasons(self.fest, self.tt, 0.1 if self.clock.cancelled else math.inf)
        unmet = [Unscheduled(self.fest.wishes[wi].id, text, told) for wi, (told, text) in why.items()]
        return Schedule(tuple(meetings), tuple(plan.pitches), tuple(unmet))


def _infeasible(conflicts: list[str], seconds: float) -> SolveResult:
    return SolveResult("infeasible", Schedule(()), {"seconds": round(seconds, 2)}, conflicts=conflicts)


def _penalties(params: SolveParams, figures: dict[str, int]) -> dict[str, int]:
    w = params.weights
    return {"value": -w.value * figures["value"], "unserved": w.unserved * figures["unserved"],
            "gaps": w.gaps * figures["gaps"], "moved": w.moved * figures["moved"]}


def solve(instance: Instance, params: SolveParams, on_progress: Callable[[Progress], None] | None = None,
          should_stop: Callable[[], bool] | None = None) -> SolveResult:
    """Schedule the instance's meetings and pitches within params.time_limit seconds of wall time."""
    run = Run(instance, params, on_progress, should_stop)
    conflicts = precheck(instance, run.fest)
    if conflicts:
        return _infeasible(conflicts, run.clock.elapsed())
    plan = run.pitches()
    if plan.conflicts:
        return _infeasible(plan.conflicts, run.clock.elapsed())
    conflicts = run.meetings()
    if conflicts:
        return _infeasible(conflicts, run.clock.elapsed())
    # The wrap-up allocates a lot on top of millions of live solver objects; full collections of those
    # would cost a cancelled run its second, and nothing made here is garbage before the run ends.
    with _collector_paused():
        return _wrap_up(run, plan, instance, params)


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _wrap_up(run: Run, plan: PitchPlan, instance: Instance, params: SolveParams) -> SolveResult:
    """Tables, reasons, figures and the validator's verdict on the timetable as it stands."""
    schedule = run.schedule(plan)
    # Read from the schedule alone, once for both the figures and the validator (half a second at scale).
    engaged = attendee_engagements(instance, schedule)
    figures: dict = dict(quality(instance, schedule, run.requesters, engaged))
    figures["bound"] = run.bound
    figures["seconds"] = round(run.clock.elapsed(), 2)
    violations = validate(instance, schedule, engaged, params.max_moved)
    schedule = Schedule(schedule.meetings, schedule.pitches, schedule.unscheduled, dict(figures))
    status = "cancelled" if run.clock.cancelled else "feasible"
    if figures["value"] == run.bound and status == "feasible" and figures["unserved"] == 0 \
            and figures["gaps"] == 0 and figures["moved"] == 0:
        status = "optimal"
    if run.on_progress is not None:  # the figures just worked out, not a second count of everyone's gaps
        run.on_progress(Progress(figures["seconds"], figures["value"], run.bound, figures["gaps"], figures["met"],
                                 "done"))
    return SolveResult(status, schedule, figures, _penalties(params, figures), [], violations)
