"""The data series behind the dashboard's charts, computed from an instance and its meetings."""

from __future__ import annotations

from forum.domain import Meeting
from forum.services.schedule import figures
from tests.factories import tiny_instance


def _meetings() -> list[Meeting]:
    return [Meeting(p.wish, p.wish, p.slot, p.location) for p in tiny_instance().previous]


def test_occupancy_shares_per_table() -> None:
    grid = figures.occupancy(tiny_instance(), _meetings())
    assert grid.rows == ["T2", "Table 1"] and len(grid.cols) == 4  # by area ('' before 'A'), then id
    assert grid.values[1] == [1.0, 0.0, 0.0, 0.0] and grid.values[0] == [0.0, 1.0, 0.0, 0.0]


def test_meetings_per_attendee_counts_by_role() -> None:
    found = figures.meetings_per_attendee(tiny_instance(), _meetings())
    assert found.labels == ["0", "1", "2"] and found.series == {"buyer": [0, 0, 1], "producer": [0, 1, 1]}


def test_met_share_buckets_requesters() -> None:
    found = figures.met_share(tiny_instance(), _meetings()[:1])
    assert found.series["requesters"][found.labels.index("100%")] == 1 and found.series["requesters"][0] == 1
