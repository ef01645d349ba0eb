"""The organizer dashboard: is the schedule good and fair, at a glance."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.runs.compare import run_figures
from forum.services.schedule.overview import overview
from forum.web.auth import Viewer
from forum.web.calls import call, client_of
from forum.web.organizer.common import organizer, render
from forum.web.views.figures_view import dashboard_charts


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found = await call(overview, client_of(request), viewer.event)
    return render(request, "organizer/dashboard.html", viewer, {
        "o": found, "charts": dashboard_charts(found), "section": "dashboard", "error": error,
        "figures": {r.id: run_figures(r) for r in found.runs}}, status)


async def dashboard(request: Request) -> Response:
    return await page(request, await organizer(request))


routes = [Route("/e/{event}/organizer", dashboard, methods=["GET"], name="organizer")]
