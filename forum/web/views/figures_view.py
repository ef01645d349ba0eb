"""The dashboard's and the comparison's charts, drawn as SVG from the series the services compute."""

from __future__ import annotations

from forum.services.runs.compare import Comparison
from forum.services.schedule.overview import Overview
from forum.web.views import charts


def dashboard_charts(found: Overview) -> dict[str, str]:
    grid, per_attendee, met = found.occupancy, found.per_attendee, found.met_share
    return {
        "occupancy": charts.heatmap(grid.rows, grid.cols, grid.values, "Table occupancy per slot"),
        "per_attendee": charts.bars(per_attendee.labels, per_attendee.series, "Meetings per attendee, by role",
                                    "meetings per attendee"),
        "met_share": charts.bars(met.labels, met.series, "Share of wished weight met, per requester", "share met"),
    }


def comparison_chart(found: Comparison) -> str:
    """Satisfaction per requester role, both runs side by side."""
    shares = found.roles.values()
    return charts.paired_shares(list(found.roles), [a for a, _ in shares], [b for _, b in shares],
                                (found.left.id, found.right.id), "Satisfaction per requester role")
