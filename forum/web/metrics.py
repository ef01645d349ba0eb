"""`/metrics` in Prometheus text format, for an organizer of any event or the FORUM_METRICS_TOKEN bearer.

Counted in each web process: HTTP latency by route pattern, sign-in failures, connected sockets, push lag.
With several web processes under one `forum serve` (PROMETHEUS_MULTIPROC_DIR set), prometheus-client's
multiprocess mode adds up every process's counters and histograms and labels the socket gauge by `pid`.
Read from the store at scrape time: queue depth, live workers, runs by status and their durations.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from pathlib import Path

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from forum.services.operations import Operations, operations
from forum.web.auth import viewer_of
from forum.web.calls import call, client_of, jobs_of, settings_of

HTTP_LATENCY = Histogram(
    "forum_http_request_duration_seconds", "Time to answer an HTTP request, by route pattern (not raw path)",
    ("method", "route", "status"), buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
SIGNIN_FAILURES = Counter("forum_signin_failures", "Sign-in attempts refused: wrong code or link, too many tries")
SOCKETS = Gauge("forum_websockets_connected", "Live websockets held by this web process", multiprocess_mode="liveall")
PUSH_LAG = Histogram("forum_push_lag_seconds", "From a live message's stream entry to its send on a socket",
                     buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30))
RUN_BUCKETS = (1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0)
REFUSED = "Sign in as an organizer, or send the metrics token as a bearer token.\n"


def pushed(entry_ms: int) -> None:
    """A live frame left for a socket; `entry_ms` is its stream entry's timestamp."""
    PUSH_LAG.observe(max(0.0, time.time() - entry_ms / 1000))


class StoreFigures:
    """The figures read from the store, as metric families (a one-scrape collector)."""

    def __init__(self, found: Operations) -> None:
        self.found = found

    def collect(self) -> Iterator[Metric]:
        found = self.found
        yield GaugeMetricFamily("forum_queue_depth", "Solver jobs waiting for a worker", value=found.queue_depth)
        yield GaugeMetricFamily("forum_workers_alive", "Workers with a live heartbeat", value=found.workers)
        runs = GaugeMetricFamily("forum_runs", "Solver runs by status, all events", labels=["status"])
        for status, count in sorted(found.runs.items()):
            runs.add_metric([status], count)
        yield runs
        durations = HistogramMetricFamily("forum_run_duration_seconds", "Ended runs, from start to end",
                                          labels=["status"])
        for status in sorted({s for s, _ in found.durations}):
            seconds = [d for s, d in found.durations if s == status]
            buckets = [(str(le), sum(1 for d in seconds if d <= le)) for le in RUN_BUCKETS]
            durations.add_metric([status], [*buckets, ("+Inf", len(seconds))], sum(seconds))
        yield durations


def exposition(metrics_dir: Path | None, found: Operations) -> bytes:
    """This process's metrics (or every web process's, in multiprocess mode), then the store's figures."""
    if metrics_dir is None:
        counted = generate_latest(REGISTRY)
    else:
        combined = CollectorRegistry()
        MultiProcessCollector(combined, path=str(metrics_dir))
        counted = generate_latest(combined)
    store = CollectorRegistry()
    store.register(StoreFigures(found))  # type: ignore[arg-type]  # any object with collect() is a collector
    return counted + generate_latest(store)


async def allowed(request: Request) -> bool:
    token = settings_of(request).metrics_token
    scheme, _, sent = request.headers.get("authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(sent.strip().encode(), token.encode()):
        return True
    viewer = await viewer_of(request)
    return viewer is not None and viewer.is_organizer


async def endpoint(request: Request) -> Response:
    if not await allowed(request):
        return PlainTextResponse(REFUSED, 401, headers={"WWW-Authenticate": 'Bearer realm="forum metrics"'})
    settings = settings_of(request)
    found = await call(operations, client_of(request), jobs_of(request), settings.queue_name)
    body = await call(exposition, settings.metrics_dir, found)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
