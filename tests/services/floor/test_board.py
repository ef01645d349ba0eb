"""The organizers' attendance board: today's slots counted by check-in state, and the no-shows."""

from __future__ import annotations

from forum.domain import Meeting, MeetingStatus
from forum.services.floor.board import board
from forum.services.floor.checkin import tap
from forum.store import EventStore
from tests.services.floor.market import DAY, EVENT, at, load


def test_board_counts_checked_in_no_shows_and_waiting_per_slot(store: EventStore) -> None:
    load(store)
    store.entities(EVENT, Meeting).put(Meeting("w-p3", "w-p3", "s1", "T2", MeetingStatus.PROPOSED),
                                       Meeting("w-p2", "w-p2", "s3", "T2", MeetingStatus.DECLINED))
    tap(store.client, EVENT, "p4", "w-p4b2", "here", now=at(14, 25))
    tap(store.client, EVENT, "b1", "w-meet", "no-show", now=at(14, 35))
    found = board(store.client, EVENT, now=at(14, 40))
    assert found.totals == {"checked in": 1, "no-show": 1, "waiting": 1}
    rows = {r.slot.id: (r.current, r.counts) for r in found.rows}
    assert rows == {"s1": (False, {"checked in": 0, "no-show": 0, "waiting": 1}),
                    "s2": (True, {"checked in": 1, "no-show": 1, "waiting": 0})}  # a declined meeting is not counted
    [missing] = found.no_shows
    assert ([a.name for a in missing.absent], missing.reported_by.name if missing.reported_by else None,
            missing.table.name) == (["Paula Producer"], "Anna Berg", "Table 12")


def test_board_of_another_day_is_empty(store: EventStore) -> None:
    load(store)
    tap(store.client, EVENT, "b1", "w-meet", "no-show", now=at(14, 35))
    found = board(store.client, EVENT, now=DAY.replace(day=20, hour=14))
    assert found.rows == [] and found.no_shows == [] and found.totals == {"checked in": 0, "no-show": 0,
                                                                          "waiting": 0}
