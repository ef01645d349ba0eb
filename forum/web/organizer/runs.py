"""Solver runs: start with a time limit and weights, watch live, cancel, list, compare two, publish one."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.domain.moves import DEFAULT_MOVES_BUDGET
from forum.errors import Conflict, NotFound
from forum.services.runs import lifecycle as runs
from forum.services.runs import publish
from forum.services.runs.compare import FIGURES, compare_runs, run_figures
from forum.services.runs.publish_preview import PublishPreview, publish_preview
from forum.services.runs.queries import run_state, runs_listing
from forum.services.workers import live_workers
from forum.web.auth import Viewer
from forum.web.calls import call, client_of, jobs_of, settings_of
from forum.web.errors import status_of
from forum.web.forms import field
from forum.web.organizer.common import (
    Confirmation,
    act,
    base,
    confirm_page,
    confirmed,
    organizer,
    posted,
    render,
    words,
)
from forum.web.views import run_view
from forum.web.views.figures_view import comparison_chart

WEIGHT_NAMES = tuple(run_view.DEFAULT_WEIGHTS)


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found = await call(runs_listing, client_of(request), viewer.event)
    settings = settings_of(request)
    waiting = any(r.status.value == "queued" for r in found.runs)
    stranded = waiting and not await call(live_workers, client_of(request), settings.queue_name)
    return render(request, "organizer/runs.html", viewer, {
        "runs": found.runs, "published": found.published, "weights": run_view.DEFAULT_WEIGHTS, "section": "runs",
        "time_limit": settings.solver_time_limit, "max_moved": DEFAULT_MOVES_BUDGET, "error": error,
        "no_worker": stranded, "figures": {r.id: run_figures(r) for r in found.runs}, "figure_names": FIGURES},
        status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


async def start(request: Request) -> Response:
    started: list[str] = []

    async def work(viewer: Viewer, form: FormData) -> str:
        fields = {name: field(form, name, 20) for name in ("time_limit", "max_moved", *WEIGHT_NAMES)}
        run = await call(runs.start_run, client_of(request), jobs_of(request), viewer.event, fields["time_limit"],
                         run_view.weights_from(fields), max_moved=fields["max_moved"])
        started.append(run.id)
        return words(request)("Run %(run)s started.") % {"run": run.id}

    response = await act(request, page, work, f"{base(request.path_params['event'])}/runs")
    if started and response.status_code == 303:
        response.headers["location"] = f"{base(request.path_params['event'])}/runs/{started[0]}"
    return response


async def run_page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found = run_view.view(await call(run_state, client_of(request), viewer.event, request.path_params["run"]))
    return render(request, "organizer/run.html", viewer, {"v": found, "section": "runs", "error": error}, status)


async def detail(request: Request) -> Response:
    return await run_page(request, await organizer(request))


async def live(request: Request) -> Response:
    """The run's changing part alone, which organizer.js swaps in when the organizer stream says it moved."""
    viewer = await organizer(request)
    found = run_view.view(await call(run_state, client_of(request), viewer.event, request.path_params["run"]))
    return render(request, "organizer/_run_live.html", viewer, {"v": found})


def _run_back(request: Request) -> str:
    return f"{base(request.path_params['event'])}/runs/{request.path_params['run']}"


async def _confirm_cancel(request: Request, viewer: Viewer) -> Response:
    _ = words(request)
    run = (await call(run_state, client_of(request), viewer.event, request.path_params["run"])).run.id
    found = Confirmation(_("Stop run %(run)s?") % {"run": run}, [
        _("The solver stops; the best schedule it has found so far is kept and can still be published."),
        _("Nothing is published and nobody is told.")],
        f"{_run_back(request)}/cancel", _("Stop the run"), _run_back(request))
    return confirm_page(request, viewer, found, "runs")


async def cancel(request: Request) -> Response:
    viewer, form = await posted(request)
    if not confirmed(form):
        return await _confirm_cancel(request, viewer)

    async def work(viewer: Viewer, form: FormData) -> str:
        run = await call(runs.cancel_run, client_of(request), jobs_of(request), viewer.event,
                         request.path_params["run"])
        said = "Run %(run)s: stop requested." if run.status.value == "running" else "Run %(run)s cancelled."
        return words(request)(said) % {"run": run.id}

    return await act(request, run_page, work, _run_back(request), (viewer, form))


def _publish_lines(request: Request, found: PublishPreview) -> list[str]:
    _ = words(request)
    lines = [_("%(added)s meetings will be added, %(moved)s moved and %(removed)s removed.") % {
        "added": found.added, "moved": found.moved, "removed": found.removed}]
    if found.pitches:
        lines.append(_("%(n)s pitches will change.") % {"n": found.pitches})
    lines.append(_("%(n)s attendees whose meetings change are told on their phones at once.") % {"n": found.told})
    if found.first:
        lines.append(_("This is the first publish: attendees see a schedule for the first time."))
    lines.append(_("Accepted and locked meetings, and answers given meanwhile, are kept."))
    return lines


async def publish_run(request: Request) -> Response:
    viewer, form = await posted(request)
    if not confirmed(form):
        try:
            found = await call(publish_preview, client_of(request), viewer.event, request.path_params["run"])
        except (Conflict, NotFound) as refused:
            return await run_page(request, viewer, refused.message, status_of(refused))
        _ = words(request)
        return confirm_page(request, viewer, Confirmation(
            _("Publish run %(run)s?") % {"run": found.run}, _publish_lines(request, found),
            f"{_run_back(request)}/publish", _("Publish this schedule"), _run_back(request)), "runs")

    async def work(viewer: Viewer, form: FormData) -> str:
        done = await call(publish.publish_run, client_of(request), viewer.event, request.path_params["run"])
        _ = words(request)
        counts = {k: done.get(k, 0) for k in ("added", "moved", "removed")}
        said = _("Published %(run)s (version %(version)s): %(added)s added, %(moved)s moved, %(removed)s removed.") % {
            "run": done["run"], "version": done["version"], **counts}
        pitches = sum(done.get(f"pitches_{k}", 0) for k in ("added", "moved", "removed"))
        return said + (" " + _("Pitches: %(moved)s moved, %(n)s changed in all.") % {
            "moved": done.get("pitches_moved", 0), "n": pitches} if pitches else "")

    return await act(request, run_page, work, _run_back(request), (viewer, form))


async def compare(request: Request) -> Response:
    viewer = await organizer(request)
    left, right = request.query_params.get("left", "")[:60], request.query_params.get("right", "")[:60]
    found = await call(compare_runs, client_of(request), viewer.event, left, right)
    return render(request, "organizer/compare.html", viewer, {"c": found, "chart": comparison_chart(found),
                                                               "section": "runs"})


routes = [
    Route("/e/{event}/organizer/runs", show, methods=["GET"]),
    Route("/e/{event}/organizer/runs", start, methods=["POST"]),
    Route("/e/{event}/organizer/compare", compare, methods=["GET"]),
    Route("/e/{event}/organizer/runs/{run}", detail, methods=["GET"]),
    Route("/e/{event}/organizer/runs/{run}/live", live, methods=["GET"]),
    Route("/e/{event}/organizer/runs/{run}/cancel", cancel, methods=["POST"]),
    Route("/e/{event}/organizer/runs/{run}/publish", publish_run, methods=["POST"]),
]
