"""Pitch sessions: each project pitched once in its sessions, chosen so panels block few meeting slots and
published pitches and meetings stay where they were."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from forum.checker.engagements import pitch_session_of, session_span
from forum.domain import Instance, PitchPlacement, PitchSession, SlotKind, Window, Wish, covered
from forum.solver import cpsat

# A published pitch moved, or a published meeting a pitch or panel duty pushes out, costs this many times the
# `moved` weight: above a whole afternoon of panel time (the session cost below), as people planned around it.
MOVE_COST = 20


@dataclass
class PitchPlan:
    pitches: list[PitchPlacement] = field(default_factory=list)
    used: list[PitchSession] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    moved: int = 0  # published pitches not at their published slot


class PitchModel:
    """One boolean per (project, pitch slot of its sessions) and one per pitch session in use."""

    def __init__(self, inst: Instance, fixed_busy: dict[str, list[Window]], moved_weight: int = 0,
                 budget: int | None = None) -> None:
        self.inst = inst
        self.moved_weight, self.budget = moved_weight, budget
        self.fixed_slot = {f.project: f.slot for f in inst.fixed_pitches}
        self.model = cp_model.CpModel()
        self.slots = {s.id: s for s in inst.slots}
        self.spans = {s.id: session_span(s, self.slots) for s in inst.pitch_sessions}
        self.fixed_busy = fixed_busy
        self.place: dict[tuple[str, str, str], cp_model.IntVar] = {}  # (project, session, slot)
        self.in_use = {s.id: self.model.new_bool_var(f"use_{s.id}") for s in inst.pitch_sessions}
        self.once: dict[str, cp_model.IntVar] = {}
        self.within_budget = self.model.new_bool_var("within_budget")

    def _busy(self, who: str, window: Window | None) -> bool:
        return window is not None and any(w.overlaps(window) for w in self.fixed_busy.get(who, []))

    def build(self) -> None:
        m = self.model
        for p in self.inst.projects:
            for s in self.inst.pitch_sessions:
                if p.sessions is not None and s.id not in p.sessions:
                    continue
                if any(self._busy(who, self.spans[s.id]) for who in s.panel):
                    continue  # a panel member's fixed meeting rules the whole session out
                for sid in s.slots:
                    slot = self.slots[sid]
                    home = pitch_session_of(self.inst, p.id, sid)
                    if home is None or home.id != s.id:
                        continue  # the validator reads a shared slot as its project's first session
                    if self.fixed_slot.get(p.id, sid) != sid:
                        continue  # a fixed pitch stays exactly where it is
                    if slot.kind == SlotKind.PITCH and not any(self._busy(x, slot.window) for x in p.presenters):
                        var = m.new_bool_var(f"pitch_{p.id}_{sid}")
                        self.place[(p.id, s.id, sid)] = var
                        m.add_implication(var, self.in_use[s.id])
            self.once[p.id] = m.new_bool_var(f"once_{p.id}")
            m.add(sum(v for k, v in self.place.items() if k[0] == p.id) == 1).only_enforce_if(self.once[p.id])
        self.duties = self._engagements()
        self._no_overlaps()
        self._objective(self._moves())

    def _engagements(self) -> dict[str, list[tuple[Window, cp_model.IntVar]]]:
        """Per attendee and per room: the pitch and panel engagements each boolean would create."""
        out: dict[str, list[tuple[Window, cp_model.IntVar]]] = {}
        presenters = {p.id: p.presenters for p in self.inst.projects}
        rooms = {s.id: s.location for s in self.inst.pitch_sessions}
        for (pid, sess, sid), var in self.place.items():
            for who in (*presenters[pid], "@" + rooms[sess], "#" + sid):
                out.setdefault(who, []).append((self.slots[sid].window, var))
        for s in self.inst.pitch_sessions:
            span = self.spans[s.id]
            if span is not None:
                for who in s.panel:
                    out.setdefault(who, []).append((span, self.in_use[s.id]))
        return out

    def _no_overlaps(self) -> None:
        for items in self.duties.values():
            for i, (w1, v1) in enumerate(items):
                clash = [v2 for j, (w2, v2) in enumerate(items) if j != i and w2.overlaps(w1)
                         and not (w2 == w1 and v2 is v1)]
                for v2 in clash:
                    if v1.index < v2.index:
                        self.model.add_bool_or([v1.negated(), v2.negated()])

    def _moves(self) -> list[cp_model.IntVar]:
        """One boolean per published pitch moved and per published meeting that a pitch or panel duty
        would push out of its slot; at most the moves budget of them (under an assumption, to name it)."""
        m, moves = self.model, []
        for pp in self.inst.previous_pitches:
            kept = [v for (pid, _, sid), v in self.place.items() if pid == pp.project and sid == pp.slot]
            moved = m.new_bool_var(f"moved_{pp.project}")
            m.add(moved + sum(kept) >= 1)
            moves.append(moved)
        wishes: dict[str, Wish] = {w.id: w for w in self.inst.wishes}
        fixed = {f.wish for f in self.inst.fixed}
        for pl in self.inst.previous:
            if pl.wish in fixed or pl.wish not in wishes or pl.slot not in self.slots:
                continue  # fixed meetings are hard busy time already
            window = self.slots[pl.slot].window
            pushers = {v.index: v for who in wishes[pl.wish].participants
                       for w, v in self.duties.get(who, []) if w.overlaps(window)}
            if pushers:
                out = m.new_bool_var(f"pushed_{pl.wish}")
                for v in pushers.values():
                    m.add_implication(v, out)
                moves.append(out)
        if self.budget is not None:
            m.add(sum(moves) <= self.budget).only_enforce_if(self.within_budget)
        return moves

    def _objective(self, moves: list[cp_model.IntVar]) -> None:
        people = {a.id: a for a in self.inst.attendees}
        presenters = {p.id: p.presenters for p in self.inst.projects}
        cost = []
        for (pid, _, sid), var in self.place.items():
            away = sum(1 for x in presenters[pid] if x in people and not covered(self.slots[sid].window,
                                                                                  people[x].available))
            cost.append(10 * away * var)
        for s in self.inst.pitch_sessions:
            span = self.spans[s.id]
            minutes = 0 if span is None else int((span.end - span.start).total_seconds() // 60)
            cost.append(max(1, len(s.panel) * minutes // 15) * self.in_use[s.id])
        cost.extend(MOVE_COST * self.moved_weight * v for v in moves)
        self.model.minimize(sum(cost))


def plan_pitches(inst: Instance, fixed_busy: dict[str, list[Window]], time_limit: float, moved_weight: int = 0,
                 budget: int | None = None, workers: int = 1) -> PitchPlan:
    """Place every project; on failure name the projects that cannot all be pitched (or the moves budget)."""
    if not inst.projects:
        return PitchPlan(moved=len(inst.previous_pitches))
    pm = PitchModel(inst, fixed_busy, moved_weight, budget)
    pm.build()
    pm.model.add_assumptions([*pm.once.values(), pm.within_budget])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.2, time_limit)
    solver.parameters.relative_gap_limit = 0.02
    solver.parameters.num_workers = max(1, workers)
    # The bound of the session costs stays weak, so the search would use all its time to prove a plan it found
    # at once: a plan that has stood a tenth of the time unbeaten is kept.
    status = cpsat.solve_patiently(solver, pm.model, max(0.3, 0.1 * time_limit))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status != cp_model.INFEASIBLE:
            return PitchPlan(conflicts=["no pitch plan found within the time limit; give the solve more time"])
        core = set(solver.sufficient_assumptions_for_infeasibility())
        names = [pid for pid, v in pm.once.items() if v.index in core]
        if pm.within_budget.index in core:
            return PitchPlan(conflicts=[f"the pitches cannot all be placed without moving more published pitches "
                                        f"and meetings than the moves budget of {budget} allows"])
        return PitchPlan(conflicts=[f"projects {', '.join(names)} cannot all be pitched once in their sessions "
                                    "(slots, presenters, panels or fixed meetings clash)"])
    plan = PitchPlan()
    used = set()
    for (pid, sess, sid), var in pm.place.items():
        if solver.boolean_value(var):
            plan.pitches.append(PitchPlacement(pid, sid))
            used.add(sess)
    plan.used = [s for s in inst.pitch_sessions if s.id in used]
    plan.moved = len(set(inst.previous_pitches) - set(plan.pitches))
    return plan
