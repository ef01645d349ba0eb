"""Solver runs: start with a time limit and weights, watch live, cancel, list, compare two, publish one."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.runs import lifecycle as runs
from forum.services.runs import publish
from forum.services.runs.compare import compare_runs
from forum.services.runs.registry import open_queue
from forum.web.auth import Viewer
from forum.web.organizer.common import act, base, call, organizer, render, text
from forum.web.views import run_view

WEIGHT_NAMES = tuple(run_view.DEFAULT_WEIGHTS)


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found, published = await call(run_view.runs_page, request.app.state.redis, viewer.event)
    return render(request, "organizer/runs.html", viewer, {
        "runs": found, "published": published, "weights": run_view.DEFAULT_WEIGHTS, "section": "runs",
        "time_limit": request.app.state.settings.solver_time_limit, "error": error}, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


def _start(request: Request, viewer: Viewer, form: dict[str, str]) -> str:
    settings = request.app.state.settings
    jobs = open_queue(settings.redis_url, settings.queue_name)
    try:
        run = runs.start_run(request.app.state.redis, jobs, viewer.event, form.get("time_limit", ""),
                             run_view.weights_from(form))
    finally:
        jobs.close()
    return run.id


async def start(request: Request) -> Response:
    started: list[str] = []

    async def work(viewer: Viewer, form: FormData) -> str:
        fields = {name: text(form, name, 20) for name in ("time_limit", *WEIGHT_NAMES)}
        started.append(await call(_start, request, viewer, fields))
        return f"Run {started[0]} started."

    response = await act(request, page, work, f"{base(request.path_params['event'])}/runs")
    if started and response.status_code == 303:
        response.headers["location"] = f"{base(request.path_params['event'])}/runs/{started[0]}"
    return response


async def run_page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found = await call(run_view.view, request.app.state.redis, viewer.event, request.path_params["run"])
    return render(request, "organizer/run.html", viewer, {"v": found, "section": "runs", "error": error}, status)


async def detail(request: Request) -> Response:
    return await run_page(request, await organizer(request))


async def live(request: Request) -> Response:
    """The run's changing part alone, which organizer.js swaps in when the organizer stream says it moved."""
    viewer = await organizer(request)
    found = await call(run_view.view, request.app.state.redis, viewer.event, request.path_params["run"])
    return render(request, "organizer/_run_live.html", viewer, {"v": found})


def _cancel(request: Request, viewer: Viewer) -> str:
    settings = request.app.state.settings
    jobs = open_queue(settings.redis_url, settings.queue_name)
    try:
        run = runs.cancel_run(request.app.state.redis, jobs, viewer.event, request.path_params["run"])
    finally:
        jobs.close()
    return f"Run {run.id}: stop requested." if run.status.value == "running" else f"Run {run.id} cancelled."


async def cancel(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        return await call(_cancel, request, viewer)  # type: ignore[no-any-return]

    back = f"{base(request.path_params['event'])}/runs/{request.path_params['run']}"
    return await act(request, run_page, work, back)


async def publish_run(request: Request) -> Response:
    async def work(viewer: Viewer, form: FormData) -> str:
        done = await call(publish.publish_run, request.app.state.redis, viewer.event, request.path_params["run"])
        return (f"Published {done['run']} (version {done['version']}): {done.get('added', 0)} added, "
                f"{done.get('moved', 0)} moved, {done.get('removed', 0)} removed.")

    back = f"{base(request.path_params['event'])}/runs/{request.path_params['run']}"
    return await act(request, run_page, work, back)


async def compare(request: Request) -> Response:
    viewer = await organizer(request)
    left, right = request.query_params.get("left", "")[:60], request.query_params.get("right", "")[:60]
    found = await call(compare_runs, request.app.state.redis, viewer.event, left, right)
    return render(request, "organizer/compare.html", viewer, {"c": found, "section": "runs"})


routes = [
    Route("/e/{event}/organizer/runs", show, methods=["GET"]),
    Route("/e/{event}/organizer/runs", start, methods=["POST"]),
    Route("/e/{event}/organizer/compare", compare, methods=["GET"]),
    Route("/e/{event}/organizer/runs/{run}", detail, methods=["GET"]),
    Route("/e/{event}/organizer/runs/{run}/live", live, methods=["GET"]),
    Route("/e/{event}/organizer/runs/{run}/cancel", cancel, methods=["POST"]),
    Route("/e/{event}/organizer/runs/{run}/publish", publish_run, methods=["POST"]),
]
