"""Publishing a draft: atomic switch, accepted meetings kept, only changed attendees told."""

from __future__ import annotations

import json
import time

import pytest

from forum.domain import Meeting, MeetingStatus, PitchPlacement, Placement, RunStatus, Schedule, SolverRun
from forum.errors import Conflict
from forum.services.runs.publish import publish_run
from forum.store import EventStore
from forum.store.codec import codec_of
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore, encode_meeting
from forum.store.streams import attendee_stream, organizer_stream
from tests.factories import tiny_instance


def _finished_run(store: EventStore, draft: Schedule, status: RunStatus = RunStatus.FINISHED) -> str:
    runs = RunStore(store.client)
    run = SolverRun(runs.new_id("tiny"), "tiny", status, created_at=time.time())
    runs.records("tiny").put(run)
    ScheduleStore(store.client).save_draft("tiny", run.id, draft)
    return run.id


def test_publish_moves_proposed_meeting_and_tells_its_participants(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    draft = Schedule((Placement("w1", "s2", "T1"), Placement("w2", "s1", "T2")), (PitchPlacement("pr1", "p1"),))
    summary = publish_run(store.client, "tiny", _finished_run(store, draft))
    assert summary["moved"] == 1 and summary["added"] == 0 and summary["version"] == 1
    meetings = {m.wish: m for m in ScheduleStore(store.client).meetings("tiny")}
    assert meetings["w1"].slot == "s2" and meetings["w2"].status is MeetingStatus.ACCEPTED
    told = store.client.xrange(attendee_stream("tiny", "a2"))
    # One message per person and publish: a2 also presents pr1, whose pitch this publish placed.
    assert len(told) == 1
    assert json.loads(told[0][1]["d"])["changes"] == [{"wish": "w1", "change": "moved", "slot": "s2",
                                                         "location": "T1"},
                                                        {"pitch": "pr1", "change": "added", "slot": "p1"}]
    assert store.client.xlen(organizer_stream("tiny")) == 1
    assert store.pitches("tiny") == [PitchPlacement("pr1", "p1")]


def test_publish_keeps_meetings_accepted_meanwhile(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    # The draft was computed earlier; meanwhile Ada accepted w1 where it was (s0, T1).
    draft = Schedule((Placement("w1", "s3", "T1"), Placement("w2", "s0", "T2")))
    run = _finished_run(store, draft)
    store.entities("tiny", Meeting).put(Meeting("w1", "w1", "s0", "T1", MeetingStatus.ACCEPTED))
    summary = publish_run(store.client, "tiny", run)
    meetings = {m.wish: m for m in ScheduleStore(store.client).meetings("tiny")}
    assert (meetings["w1"].slot, meetings["w1"].status) == ("s0", MeetingStatus.ACCEPTED)
    assert meetings["w2"].slot == "s1"  # w2 was accepted at import: the draft cannot move it either
    assert summary["moved"] == 0 and summary["removed"] == 0


def test_publish_of_failed_run_conflicts(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    run = _finished_run(store, Schedule(()), RunStatus.FAILED)
    with pytest.raises(Conflict):
        publish_run(store.client, "tiny", run)


def test_fast_meeting_encoding_matches_the_codec() -> None:
    meeting = Meeting("w1", "w1", "s0", "T1", MeetingStatus.ACCEPTED, True)
    assert json.loads(encode_meeting(meeting)) == json.loads(codec_of(Meeting).encode(meeting))


def _run_with_base(store: EventStore, draft: Schedule, base: Schedule) -> str:
    run = _finished_run(store, draft)
    ScheduleStore(store.client).save_base("tiny", run, base)
    return run


def test_publish_of_an_older_run_keeps_what_was_published_since(store: EventStore) -> None:
    # Run A started from w1 at s0; meanwhile run B was published and moved w1 to s3. A moved nothing of
    # its own for w1, so publishing A must not put w1 back (the repair that reverted 6,379 meetings).
    store.import_instance(tiny_instance())
    start = Schedule((Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2")))
    older = _run_with_base(store, start, start)
    newer = _run_with_base(store, Schedule((Placement("w1", "s3", "T1"), Placement("w2", "s1", "T2"))), start)
    publish_run(store.client, "tiny", newer)
    summary = publish_run(store.client, "tiny", older)
    meetings = {m.wish: m for m in ScheduleStore(store.client).meetings("tiny")}
    assert meetings["w1"].slot == "s3"
    assert summary["moved"] == summary["removed"] == summary["added"] == 0


def test_publish_of_an_older_run_applies_its_own_changes_where_nothing_changed(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    start = Schedule((Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2")))
    older = _run_with_base(store, Schedule((Placement("w1", "s2", "T1"), Placement("w2", "s1", "T2"))), start)
    ScheduleStore(store.client).publish("tiny", "by-hand", lambda meetings: _bump())  # a publish in between
    summary = publish_run(store.client, "tiny", older)
    meetings = {m.wish: m for m in ScheduleStore(store.client).meetings("tiny")}
    assert meetings["w1"].slot == "s2" and summary["moved"] == 1


def test_publish_of_an_older_run_drops_a_change_that_clashes_with_a_newer_meeting(store: EventStore) -> None:
    # The older run moves w1 to s2 at T1, but since it started a newer publish put w3 there with a1 in it.
    from dataclasses import replace

    from forum.domain import Wish

    inst = tiny_instance()
    store.import_instance(replace(inst, wishes=(*inst.wishes, Wish("w3", "a3", "a1"))))
    start = Schedule((Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2")))
    older = _run_with_base(store, Schedule((Placement("w1", "s2", "T1"), Placement("w2", "s1", "T2"))), start)
    newer = _run_with_base(store, Schedule((*start.meetings, Placement("w3", "s2", "T1"))), start)
    publish_run(store.client, "tiny", newer)
    summary = publish_run(store.client, "tiny", older)
    meetings = {m.wish: m for m in ScheduleStore(store.client).meetings("tiny")}
    assert meetings["w3"].slot == "s2" and meetings["w1"].slot == "s0"  # left where it was
    assert summary["dropped"] == 1


def _bump():  # type: ignore[no-untyped-def]
    from forum.store.schedule import Switch

    return Switch()
