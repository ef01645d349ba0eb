"""The organizer console: event setup, attendees, solver runs, meetings, who is left out, exports; and the runs API."""

from __future__ import annotations

from starlette.routing import BaseRoute

import forum.web.organizer.api_runs as api_runs
import forum.web.organizer.attendance as attendance
import forum.web.organizer.attendees as attendees
import forum.web.organizer.dashboard as dashboard
import forum.web.organizer.exports as exports
import forum.web.organizer.left_out as left_out
import forum.web.organizer.meetings as meetings
import forum.web.organizer.outbox as outbox
import forum.web.organizer.runs as runs
import forum.web.organizer.setup as setup

routes: list[BaseRoute] = [
    *dashboard.routes,
    *attendance.routes,
    *setup.routes,
    *attendees.routes,
    *runs.routes,
    *meetings.routes,
    *left_out.routes,
    *exports.routes,
    *outbox.routes,
]

# The JSON API answers with JSON, errors included; the pages above redirect to sign in.
api_routes: list[BaseRoute] = [*api_runs.routes]
