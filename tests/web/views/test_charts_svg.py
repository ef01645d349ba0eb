"""SVG charts are pure functions: well-formed, escaped, and drawn from the series the services compute."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from forum.domain import Meeting
from forum.services.schedule import figures
from forum.web.views import charts
from tests.factories import tiny_instance


def _meetings() -> list[Meeting]:
    return [Meeting(p.wish, p.wish, p.slot, p.location) for p in tiny_instance().previous]


def test_heatmap_is_valid_svg_and_escapes_labels() -> None:
    svg = charts.heatmap(["<b>&"], ["24/03 09:00"], [[0.5]], "Tables & slots")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and "&lt;b&gt;&amp;" in svg and "<b>" not in svg


def test_bars_of_meetings_per_attendee_is_valid_svg() -> None:
    found = figures.meetings_per_attendee(tiny_instance(), _meetings())
    svg = charts.bars(found.labels, found.series, "Meetings", "meetings")
    ET.fromstring(svg)
    assert "buyer, 2: 1" in svg


def test_curve_draws_value_and_bound_or_says_empty() -> None:
    svg = charts.curve([(0.0, 10, 50), (1.0, 30, 40), (2.0, 35, None)], "Run")
    assert 'class="value"' in svg and 'class="bound"' in svg
    assert "no progress" in charts.curve([], "Run")


def test_paired_shares_draws_two_bars_per_label() -> None:
    svg = charts.paired_shares(["buyer", "producer"], [1.0, 0.5], [0.25, 0.0], ("run-1", "run-2"), "Roles")
    ET.fromstring(svg)
    assert svg.count("<rect") == 2 + 4 and "run-2, producer: 0%" in svg
