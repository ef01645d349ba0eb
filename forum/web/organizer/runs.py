"""Solver runs: start with a time limit and weights, watch live, cancel, list, compare two, publish one."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.domain.moves import DEFAULT_MOVES_BUDGET
from forum.services.runs import lifecycle as runs
from forum.services.runs import publish
from forum.services.runs.compare import compare_runs
from forum.services.runs.queries import run_state, runs_listing
from forum.services.workers import live_workers
from forum.web.auth import Viewer
from forum.web.calls import call, client_of, jobs_of, settings_of
from forum.web.forms import field
from forum.web.organizer.common import act, base, organizer, render
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
        "no_worker": stranded}, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


async def start(request: Request) -> Response:
    started: list[str] = []

    async def work(viewer: Viewer, form: FormData) -> str:
        fields = {name: field(form, name, 20) for name in ("time_limit", "max_moved", *WEIGHT_NAMES)}
        run = await call(runs.start_run, client_of(request), jobs_of(request), viewer.event, fields["time_limit"],
                         run_view.weights_from(fields), max_moved=fields["max_moved"])
        started.append(run.id)
        return f"Run {run.id} started."

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


async def cancel(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        run = await call(runs.cancel_run, client_of(request), jobs_of(request), viewer.event,
                         request.path_params["run"])
        return f"Run {run.id}: stop requested." if run.status.value == "running" else f"Run {run.id} cancelled."

    back = f"{base(request.path_params['event'])}/runs/{request.path_params['run']}"
    return await act(request, run_page, work, back)


async def publish_run(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        done = await call(publish.publish_run, client_of(request), viewer.event, request.path_params["run"])
        pitches = sum(done.get(f"pitches_{k}", 0) for k in ("added", "moved", "removed"))
        pitched = f"; pitches: {done.get('pitches_moved', 0)} moved, {pitches} changed in all" if pitches else ""
        return (f"Published {done['run']} (version {done['version']}): {done.get('added', 0)} added, "
                f"{done.get('moved', 0)} moved, {done.get('removed', 0)} removed{pitched}.")

    back = f"{base(request.path_params['event'])}/runs/{request.path_params['run']}"
    return await act(request, run_page, work, back)


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
