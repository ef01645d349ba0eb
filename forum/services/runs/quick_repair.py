"""The repair run: fill the places declines freed with the open requests that now fit, check, publish, at once.

No solver: every live meeting and published pitch stays where it is (the instance is built as for a repair,
everything fixed), the pure checker places the waiting requests (`checker.filling`: must-meet first, then
the heaviest), the validator rechecks the whole schedule, moves budget included, and the publish (the same
three-way merge as any run's) tells the people of every new meeting. A meeting whose decline can still be
undone keeps its place meanwhile. It runs in the sweeper thread, as a run the console lists like any other.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace

from forum.checker import validate
from forum.checker.filling import filled
from forum.checker.placing import Occupancy
from forum.domain import Instance, RunStatus, Schedule, SolverRun, Wish
from forum.domain.moves import DEFAULT_MOVES_BUDGET, moves_allowed
from forum.services import notify
from forum.services.floor.standby import places_on_offer
from forum.services.runs.instance_builder import build_run_instance, relax
from forum.services.runs.lifecycle import finish_run
from forum.services.runs.publish import publish_run
from forum.store.connection import Client, StoreError
from forum.store.declines import DeclineStore
from forum.store.flags import HEARTBEAT_EVERY, Flags
from forum.store.runs import RunStore
from forum.store.schedule import Party, ScheduleStore
from forum.store.snapshot import SnapshotStore

log = logging.getLogger("forum.worker")
REPAIR = "repair"
REPAIR_LIMIT = 5.0  # the run's stated time limit: what the console shows; a repair takes well under it


def claim_repair(client: Client, event: str) -> SolverRun:
    """The event's new repair run, queued (the sweeper executes it at once); Conflict while another is active."""
    runs = RunStore(client)
    run = SolverRun(runs.new_id(event, REPAIR), event, RunStatus.QUEUED, REPAIR_LIMIT, {}, created_at=time.time(),
                    max_moved=DEFAULT_MOVES_BUDGET)
    runs.claim(run)
    notify.run_changed(client, run)
    return run


def execute_repair(client: Client, run: SolverRun) -> SolverRun | None:
    """Fill, check and keep the draft; publish it when valid. None when the run was no longer queued."""
    started = RunStore(client).transition(run.event, run.id, (RunStatus.QUEUED,),
                                          lambda r: replace(r, status=RunStatus.RUNNING, started_at=time.time()))
    if started is None:
        return None
    notify.run_changed(client, started)
    try:
        with _Heartbeat(client, run.event, run.id):
            schedule, inst, budget = _repaired(client, started)
            violations = validate(inst, schedule, max_moved=budget)  # the checker has the last word
            if violations:
                reason = f"the schedule broke {len(violations)} rules, first: {violations[0]}"
                return finish_run(client, run.id, run.event, RunStatus.FAILED, reason, (RunStatus.RUNNING,))
            reasons_of, schedule = _reasons_kept(client, run.event, schedule)
            ScheduleStore(client).save_draft(run.event, run.id, schedule)
            done = _finish(client, started, len(schedule.meetings) - len(inst.previous))
        if done is not None:
            publish_run(client, run.event, run.id, reasons_of, lambda: _parties(client, run.event))
        return done
    except Exception as exc:
        log.exception("repair run %s of %s failed", run.id, run.event)
        return finish_run(client, run.id, run.event, RunStatus.FAILED, f"{type(exc).__name__}: {exc}",
                          (RunStatus.RUNNING,))
    finally:
        Flags(client).clear(run.event, run.id)


def _parties(client: Client, event: str) -> dict[str, Party]:
    """Every wish's people and status as stored now, read with the records this process decoded already."""
    return {w.id: Party(w.participants, w.status) for w in SnapshotStore(client).entities(event, Wish).all()}


def warm_up(client: Client, event: str) -> None:
    """Read the event as a repair will, so that its records are decoded before the repair is due."""
    build_run_instance(client, event, repair=True, remember=True)


class _Heartbeat:
    """Beats for the run while it works, so the reaper fails it only if this process dies (no solver
    progress to report: the web imports this module, and must not load OR-Tools)."""

    def __init__(self, client: Client, event: str, run: str) -> None:
        self.flags, self.event, self.run = Flags(client), event, run
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"beat-{run}", daemon=True)

    def __enter__(self) -> None:
        self.flags.beat(self.event, self.run)
        self.thread.start()

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join(5)

    def _beat(self) -> None:
        while not self.done.wait(HEARTBEAT_EVERY):
            try:
                self.flags.beat(self.event, self.run)
            except StoreError:
                continue  # a blip: the heartbeat's TTL covers a few missed beats


def _repaired(client: Client, run: SolverRun) -> tuple[Schedule, Instance, int]:
    """The live schedule with the waiting requests that fit added, the instance it answers to, the budget."""
    built = build_run_instance(client, run.event, repair=True, remember=True)
    inst = built.instance
    live = Schedule(inst.previous, inst.previous_pitches)
    ScheduleStore(client).save_base(run.event, run.id, live)
    occupancy = Occupancy(inst, live)
    for record in DeclineStore(client, run.event).undoable(built.dropped, time.time()):
        before = record.meeting_before  # its people and table stay taken until the decline is final
        occupancy.add(record.wish_before, before.slot, before.location)
    for offer in places_on_offer(client, run.event):  # on the day, a freed place goes to its first taker
        if offer.slot in occupancy.slots:
            occupancy.hold(f"offer {offer.id}", (offer.person,), offer.slot, offer.table)
    placed = {p.wish for p in inst.previous}
    schedule = filled(occupancy, live, [w for w in inst.wishes if w.id not in placed])
    # A must-meet request the held places crowd out waits, optional, for the next repair (as in a run).
    now_placed = {p.wish for p in schedule.meetings}
    inst = relax(inst, tuple(w for w in built.promoted if w not in now_placed))
    # Pitches are not the repair's to place: a project without a published pitch waits for a full run.
    pitched = {p.project for p in live.pitches}
    inst = replace(inst, projects=tuple(p for p in inst.projects if p.id in pitched))
    budget = moves_allowed(run.max_moved, len(inst.previous) + len(inst.previous_pitches))
    return schedule, inst, budget


def _reasons_kept(client: Client, event: str, schedule: Schedule) -> tuple[str | None, Schedule]:
    """The published run, and `schedule` with its reasons for every request still left out: a repair keeps
    what the left-out pages say (and so pushes nobody a refresh for it)."""
    schedules = ScheduleStore(client)
    before = schedules.published_run(event)
    if before is None:
        return None, schedule
    placed = {p.wish for p in schedule.meetings}
    kept = tuple(u for w, u in schedules.all_unscheduled(event, before).items() if w not in placed)
    return before, replace(schedule, unscheduled=kept)


def _finish(client: Client, run: SolverRun, added: int) -> SolverRun | None:
    figures = {"added": float(added), "seconds": round(time.time() - (run.started_at or run.created_at), 3)}

    def change(r: SolverRun) -> SolverRun:
        return replace(r, status=RunStatus.FINISHED, figures=figures, finished_at=time.time(),
                       reason=f"repair: {added} meeting{'s' if added != 1 else ''} added, nobody moved")

    done = RunStore(client).transition(run.event, run.id, (RunStatus.RUNNING,), change, release=True)
    if done is not None:
        notify.run_changed(client, done)
    return done

