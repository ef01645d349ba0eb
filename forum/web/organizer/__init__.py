"""The organizer console: event setup, attendees, solver runs, meetings, who is left out, exports."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
