"""Published pitches are as stable as meetings: repairs keep them, re-solves count their moves, publishes tell."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import pytest

from forum.domain import (
    Meeting,
    MeetingStatus,
    PitchPlacement,
    PitchSession,
    Placement,
    RunStatus,
    Schedule,
    Slot,
    SlotKind,
    SolverRun,
    Wish,
)
from forum.services.exports.ics import calendar
from forum.services.runs.instance_builder import build_instance
from forum.services.runs.job import execute_run
from forum.services.runs.lifecycle import start_run
from forum.services.runs.publish import publish_run
from forum.services.runs.quick_repair import claim_repair, execute_repair
from forum.services.runs.registry import open_queue
from forum.store import EventStore
from forum.store.jobs import JobQueue
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.store.streams import attendee_stream
from tests.factories import tiny_instance, window

NOON_MEETING = Slot("s4", window(14, 14.25))  # a meeting slot at the time of pitch slot p1


@pytest.fixture
def jobs(redis_url: str) -> JobQueue:
    return open_queue(redis_url, "forum-stability-test")


def _pitched_event(store: EventStore, published: str, presenter_busy_at_p1: bool = False) -> None:
    """tiny with a second pitch slot p2 (14:15) in session ps1 (panel a1), pr1 (by a2) published at `published`;
    optionally a2 in an accepted meeting at 14:00, which rules p1 out."""
    inst = tiny_instance()
    p2 = Slot("p2", window(14.25, 14.5), SlotKind.PITCH)
    extra_wishes: tuple[Wish, ...] = ()
    fixed = inst.fixed
    if presenter_busy_at_p1:
        extra_wishes = (Wish("w3", "a3", "a2"),)
        fixed = (*fixed, Placement("w3", "s4", "T1"))
    store.import_instance(replace(
        inst, slots=(*inst.slots, p2, NOON_MEETING), wishes=(*inst.wishes, *extra_wishes), fixed=fixed,
        pitch_sessions=(PitchSession("ps1", "R1", ("a1",), ("p1", "p2")),),
        previous_pitches=(PitchPlacement("pr1", published),)))


def _stream(store: EventStore, who: str) -> list[dict]:
    return [json.loads(fields["d"]) for _, fields in store.client.xrange(attendee_stream("tiny", who))]


def test_build_fixes_published_pitches_for_a_repair_only(store: EventStore) -> None:
    _pitched_event(store, "p2")
    assert build_instance(store.client, "tiny", repair=True).fixed_pitches == (PitchPlacement("pr1", "p2"),)
    resolve = build_instance(store.client, "tiny")
    assert resolve.fixed_pitches == () and resolve.previous_pitches == (PitchPlacement("pr1", "p2"),)


def test_repair_run_keeps_published_pitches(store: EventStore, jobs: JobQueue) -> None:
    _pitched_event(store, "p1")  # a fresh solve of this event would pitch pr1 at p2
    store.entities("tiny", Meeting).put(Meeting("w1", "w1", "s0", "T1", MeetingStatus.DECLINED))
    run = start_run(store.client, jobs, "tiny", 2, kind="repair")
    done = execute_run(store.client, "tiny", run.id, workers=1)
    assert done is not None and done.status is RunStatus.FINISHED and done.figures["moved"] == 0
    draft = ScheduleStore(store.client).draft("tiny", run.id)
    assert draft is not None and draft.pitches == (PitchPlacement("pr1", "p1"),)
    summary = publish_run(store.client, "tiny", run.id)
    assert summary["pitches_moved"] == 0 and store.pitches("tiny") == [PitchPlacement("pr1", "p1")]


def test_sweeper_repair_keeps_published_pitches(store: EventStore) -> None:
    """The repair the workers run after a decline (no solver) keeps the pitch where it was published too."""
    _pitched_event(store, "p1")  # a fresh solve of this event would pitch pr1 at p2
    store.entities("tiny", Meeting).put(Meeting("w1", "w1", "s0", "T1", MeetingStatus.DECLINED))
    done = execute_repair(store.client, claim_repair(store.client, "tiny"))
    assert done is not None and done.status is RunStatus.FINISHED, done and done.reason
    draft = ScheduleStore(store.client).draft("tiny", done.id)
    assert draft is not None and draft.pitches == (PitchPlacement("pr1", "p1"),)
    assert store.pitches("tiny") == [PitchPlacement("pr1", "p1")]  # published by the repair, pitch unmoved


def test_resolve_counts_a_pitch_move_and_publish_tells_presenter_and_panel(store: EventStore,
                                                                          jobs: JobQueue) -> None:
    _pitched_event(store, "p1", presenter_busy_at_p1=True)
    before = calendar(store.client, "tiny", "a2")
    assert "UID:pitch-pr1@tiny.forum\r\nSEQUENCE:0" in before
    run = start_run(store.client, jobs, "tiny", 2)
    done = execute_run(store.client, "tiny", run.id, workers=1)
    assert done is not None and done.status is RunStatus.FINISHED, done and done.reason
    assert done.figures["moved"] == 1  # the pitch had to leave p1, where its presenter now meets a3
    summary = publish_run(store.client, "tiny", run.id)
    assert summary["pitches_moved"] == 1 and store.pitches("tiny") == [PitchPlacement("pr1", "p2")]
    for who in ("a2", "a1"):  # the presenter, and the panel of the session
        told = [c for m in _stream(store, who) if m["type"] == "schedule.changed" for c in m["changes"]]
        assert {"pitch": "pr1", "change": "moved", "slot": "p2"} in told, who
    assert "UID:pitch-pr1@tiny.forum\r\nSEQUENCE:1" in calendar(store.client, "tiny", "a2")


def _run_with_draft(store: EventStore, draft: Schedule, base: Schedule) -> str:
    runs = RunStore(store.client)
    run = SolverRun(runs.new_id("tiny"), "tiny", RunStatus.FINISHED, created_at=time.time())
    runs.records("tiny").put(run)
    ScheduleStore(store.client).save_draft("tiny", run.id, draft)
    ScheduleStore(store.client).save_base("tiny", run.id, base)
    return run.id


def test_publish_of_an_older_run_keeps_a_pitch_published_since(store: EventStore) -> None:
    _pitched_event(store, "p1")
    meetings = (Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2"))
    start = Schedule(meetings, (PitchPlacement("pr1", "p1"),))
    older = _run_with_draft(store, start, start)  # changed nothing about the pitch
    newer = _run_with_draft(store, Schedule(meetings, (PitchPlacement("pr1", "p2"),)), start)
    assert publish_run(store.client, "tiny", newer)["pitches_moved"] == 1
    summary = publish_run(store.client, "tiny", older)
    assert summary["pitches_moved"] == 0 and store.pitches("tiny") == [PitchPlacement("pr1", "p2")]
