"""Two solver runs side by side: figures, satisfaction per role, and who meets whom differently; and the one
place a run's figures are read from, for the runs list, the run page, the dashboard and the comparison."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from forum.domain import Instance, Placement, Schedule, SolverRun
from forum.errors import Conflict, InvalidInput
from forum.services.runs.instance_builder import build_instance
from forum.store.connection import Client
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore

DIFF_LIMIT = 500  # rows of differing meetings shown; the counts are always whole
FIGURES = ("value", "met", "unserved", "gaps", "moved")


def run_figures(run: SolverRun) -> dict[str, int]:
    """A run's figures as its worker recorded them when the run ended: the checker's quality figures on the
    instance that run solved (the schedule it started from gives `moved`). Every page showing a run's figures
    reads them here, so the runs list, the run page and the comparison agree; recomputing them later against
    the event as it is now would not (a publish since changes what counts as moved). Empty before the end."""
    return {name: int(run.figures[name]) for name in FIGURES if name in run.figures}


@dataclass(frozen=True)
class Difference:
    wish: str
    left: Placement | None
    right: Placement | None


@dataclass(frozen=True)
class Comparison:
    left: SolverRun
    right: SolverRun
    figures: dict[str, tuple[int | None, int | None]]  # name → (left, right), from run_figures
    roles: dict[str, tuple[float, float]]  # requester role → share of wished weight met
    differences: list[Difference]
    different: int
    labels: dict[str, str]  # slot and table ids → what people call them ('Tue 24 Mar 14:30', 'Table 3')
    people: dict[str, list[Person]]  # wish id of each difference shown → who meets: requester, target, colleagues


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    organization: str


def _meetings_of(inst: Instance, shown: list[Difference]) -> dict[str, list[Person]]:
    """Who meets whom in each difference shown, by name and company (a wish id says nothing to anyone)."""
    people = {a.id: Person(a.id, a.name, a.organization) for a in inst.attendees}
    wishes = {w.id: w for w in inst.wishes}
    return {d.wish: [people.get(who, Person(who, who, "")) for who in wishes[d.wish].participants]
            for d in shown if d.wish in wishes}


def role_satisfaction(inst: Instance, schedule: Schedule) -> dict[str, float]:
    """Per requester role: the share of the weight they asked for that the schedule meets."""
    roles = {a.id: a.role for a in inst.attendees}
    met = {m.wish for m in schedule.meetings}
    asked: dict[str, int] = defaultdict(int)
    got: dict[str, int] = defaultdict(int)
    for w in inst.wishes:
        role = roles.get(w.requester, "other")
        asked[role] += w.weight
        if w.id in met:
            got[role] += w.weight
    return {role: got[role] / asked[role] for role in sorted(asked) if asked[role]}


def differences(left: Schedule, right: Schedule) -> list[Difference]:
    a = {m.wish: m for m in left.meetings}
    b = {m.wish: m for m in right.meetings}
    ids = sorted(set(a) | set(b), key=lambda w: (len(w), w))  # w2 before w10
    return [Difference(w, a.get(w), b.get(w)) for w in ids if a.get(w) != b.get(w)]


def compare_figures(left: SolverRun, right: SolverRun) -> dict[str, tuple[int | None, int | None]]:
    a, b = run_figures(left), run_figures(right)
    return {name: (a.get(name), b.get(name)) for name in FIGURES if name in a or name in b}


def compare_roles(inst: Instance, left: Schedule, right: Schedule) -> dict[str, tuple[float, float]]:
    ra, rb = role_satisfaction(inst, left), role_satisfaction(inst, right)
    return {role: (ra.get(role, 0.0), rb.get(role, 0.0)) for role in sorted(set(ra) | set(rb))}


def compare_runs(client: Client, event: str, left_id: str, right_id: str) -> Comparison:
    if not left_id or not right_id or left_id == right_id:
        raise InvalidInput("choose two different runs to compare")
    runs, schedules = RunStore(client), ScheduleStore(client)
    left, right = runs.get(event, left_id), runs.get(event, right_id)
    drafts = []
    for run in (left, right):
        draft = schedules.draft(event, run.id)
        if draft is None:
            raise Conflict(f"run {run.id} has no schedule to compare (it is {run.status.value})")
        drafts.append(draft)
    inst = build_instance(client, event)
    diff = differences(drafts[0], drafts[1])
    labels = {s.id: f"{s.start:%a %d %b %H:%M}" for s in inst.slots}
    labels.update({loc.id: loc.name if loc.name and len(loc.name) <= 18 else loc.id for loc in inst.locations})
    return Comparison(left, right, compare_figures(left, right), compare_roles(inst, drafts[0], drafts[1]),
                      diff[:DIFF_LIMIT], len(diff), labels, _meetings_of(inst, diff[:DIFF_LIMIT]))
