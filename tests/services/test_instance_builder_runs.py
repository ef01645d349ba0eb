"""The solver's view of an event: answered meetings fixed, declined ones and closed requests left out."""

from __future__ import annotations

from dataclasses import replace

from forum.domain import Meeting, MeetingStatus, Placement, Wish, WishStatus
from forum.services.runs.instance_builder import build_instance
from forum.store import EventStore
from tests.factories import tiny_instance


def test_build_fixes_accepted_and_keeps_proposed_as_previous(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    inst = build_instance(store.client, "tiny")
    assert inst.fixed == (Placement("w2", "s1", "T2"),)
    assert set(inst.previous) == {Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2")}


def test_build_for_repair_fixes_proposed_meetings_too(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    assert set(build_instance(store.client, "tiny", repair=True).fixed) == {Placement("w1", "s0", "T1"),
                                                                           Placement("w2", "s1", "T2")}


def test_build_leaves_out_declined_meeting_and_withdrawn_request(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    store.entities("tiny", Meeting).put(Meeting("w1", "w1", "s0", "T1", MeetingStatus.DECLINED))
    wish = store.entities("tiny", Wish).get("w2")
    store.entities("tiny", Wish).put(replace(wish, status=WishStatus.WITHDRAWN))
    inst = build_instance(store.client, "tiny")
    assert inst.wishes == () and inst.fixed == () and inst.previous == ()
