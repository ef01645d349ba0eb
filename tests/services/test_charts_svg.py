"""SVG charts are pure functions: well-formed, escaped, and drawn from the schedule's figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from forum.domain import Meeting
from forum.web.views import charts
from tests.factories import tiny_instance


def _meetings() -> list[Meeting]:
    return [Meeting(p.wish, p.wish, p.slot, p.location) for p in tiny_instance().previous]


def test_heatmap_is_valid_svg_and_escapes_labels() -> None:
    svg = charts.heatmap(["<b>&"], ["24/03 09:00"], [[0.5]], "Tables & slots")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and "&lt;b&gt;&amp;" in svg and "<b>" not in svg


def test_occupancy_shares_per_table() -> None:
    rows, cols, values = charts.occupancy(tiny_instance(), _meetings())
    assert rows == ["T2", "Table 1"] and len(cols) == 4  # by area ('' before 'A'), then id
    assert values[1] == [1.0, 0.0, 0.0, 0.0] and values[0] == [0.0, 1.0, 0.0, 0.0]


def test_meetings_per_attendee_counts_by_role() -> None:
    labels, series = charts.meetings_per_attendee(tiny_instance(), _meetings())
    assert labels == ["0", "1", "2"] and series == {"buyer": [0, 0, 1], "producer": [0, 1, 1]}
    ET.fromstring(charts.bars(labels, series, "Meetings", "meetings"))


def test_met_share_buckets_requesters() -> None:
    labels, series = charts.met_share(tiny_instance(), _meetings()[:1])
    assert series["requesters"][labels.index("100%")] == 1 and series["requesters"][0] == 1


def test_curve_draws_value_and_bound_or_says_empty() -> None:
    svg = charts.curve([(0.0, 10, 50), (1.0, 30, 40), (2.0, 35, None)], "Run")
    assert 'class="value"' in svg and 'class="bound"' in svg
    assert "no progress" in charts.curve([], "Run")


def test_paired_shares_draws_two_bars_per_label() -> None:
    svg = charts.paired_shares(["buyer", "producer"], [1.0, 0.5], [0.25, 0.0], ("run-1", "run-2"), "Roles")
    ET.fromstring(svg)
    assert svg.count("<rect") == 2 + 4 and "run-2, producer: 0%" in svg
