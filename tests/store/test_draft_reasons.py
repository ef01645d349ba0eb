"""A draft's reasons per unmet wish: read a few without the whole draft, and from drafts saved before them."""

from __future__ import annotations

import json

from forum.domain import Placement, Schedule, Unscheduled, Why, WhyCode
from forum.domain.schedule_json import dump_schedule
from forum.store import EventStore
from forum.store.schedule import ScheduleStore, draft_key

UNMET = (Unscheduled("w1", "b1's day is full", Why(WhyCode.CAP_DAY, ("b1",), 8)),
         Unscheduled("w2", "tables full", Why(WhyCode.TABLES_FULL, slots=("s1", "s2"))))


def test_draft_reasons_read_by_wish(store: EventStore) -> None:
    schedules = ScheduleStore(store.client)
    schedules.save_draft("ev", "run-1", Schedule((Placement("w3", "s1", "T1"),), (), UNMET))
    assert schedules.unscheduled("ev", "run-1", ["w2", "w3", "nope"]) == {"w2": UNMET[1]}
    assert schedules.all_unscheduled("ev", "run-1") == {"w1": UNMET[0], "w2": UNMET[1]}
    assert schedules.draft("ev", "run-1").unscheduled == UNMET  # type: ignore[union-attr]


def test_draft_saved_before_reasons_were_indexed_is_read_whole(store: EventStore) -> None:
    store.client.set(draft_key("ev", "run-0"), json.dumps(dump_schedule(Schedule((), (), UNMET))))
    schedules = ScheduleStore(store.client)
    assert schedules.unscheduled("ev", "run-0", ["w1"]) == {"w1": UNMET[0]}
    assert set(schedules.all_unscheduled("ev", "run-0")) == {"w1", "w2"}


def test_draft_without_unmet_wishes_reads_nothing(store: EventStore) -> None:
    ScheduleStore(store.client).save_draft("ev", "run-2", Schedule(()))
    assert ScheduleStore(store.client).unscheduled("ev", "run-2", ["w1"]) == {}
