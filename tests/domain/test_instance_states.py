"""Wish statuses and meeting states (declined, cancelled, locked) in forum-instance/1: round trip, old files."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from forum.domain import Meeting, MeetingStatus, Wish, WishStatus
from forum.domain.instance_json import dump_instance, parse_instance
from forum.errors import FormatError
from tests.factories import tiny_instance


def stateful():  # type: ignore[no-untyped-def]
    inst = tiny_instance()
    wishes = (*inst.wishes, Wish("w3", "a2", "a1", status=WishStatus.DECLINED),
              Wish("w4", "a3", "a1", status=WishStatus.WITHDRAWN), Wish("w5", "a1", "a2", status=WishStatus.ACCEPTED))
    meetings = (Meeting("w1", "w1", "s0", "T1", MeetingStatus.PROPOSED, locked=True),
                Meeting("w3", "w3", "s2", "T1", MeetingStatus.DECLINED),
                Meeting("w5", "w5", "s3", "T2", MeetingStatus.CANCELLED, locked=True))
    return replace(inst, wishes=wishes, meetings=meetings)


def test_instance_states_round_trip() -> None:
    inst = stateful()
    doc = json.loads(json.dumps(dump_instance(inst)))
    assert [w.get("status") for w in doc["wishes"]] == [None, None, "declined", "withdrawn", "accepted"]
    assert doc["meetings"][2] == {"wish": "w5", "slot": "s3", "location": "T2", "status": "cancelled",
                                  "locked": True}
    assert parse_instance(doc) == inst


def test_instance_states_old_file_reads_pending_and_unlocked() -> None:
    doc = dump_instance(tiny_instance())
    assert "meetings" not in doc and all("status" not in w for w in doc["wishes"])
    inst = parse_instance(doc)
    assert {w.status for w in inst.wishes} == {WishStatus.PENDING} and inst.meetings == ()


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda d: d["wishes"][0].update(status="maybe"), "wishes[0].status: must be one of pending, accepted"),
    (lambda d: d["meetings"][0].update(status="moved"), "meetings[0].status: must be one of proposed"),
    (lambda d: d["meetings"][0].update(locked="yes"), "meetings[0].locked: must be true or false"),
    (lambda d: d["meetings"][1].update(slot="s9"), "meetings[1].slot: unknown slot 's9'"),
])
def test_instance_states_bad_field_named(mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    doc = dump_instance(stateful())
    mutate(doc)
    with pytest.raises(FormatError, match=re.escape(field)):
        parse_instance(doc)
