"""Load benchmark: the agenda page and the accept endpoint at rising concurrency on 1 and 2 web processes, then
10,000 websockets on one web process and one publish that reaches every one of them.

    python -m benchmarks.load [--levels 10 50 100 200] [--web 1 2] [--sockets 10000] [--seconds 30]

Loopback only, bounded: every level stops after its request budget or `--seconds`, whichever comes first.
Starts its own Valkey, loads the Series-Mania-sized demo event (1,501 attendees, 12,000 wishes) with a
published first-come schedule (benchmarks/greedy.py) and signs every attendee in. For each web process count it
runs `forum serve --web-processes N --workers 0` on that Valkey and, at each concurrency, keeps that many
keep-alive connections busy (a new request as soon as the last one answered): GET /e/<event>/agenda as
signed-in attendees, then POST /e/<event>/meetings/<id>/answer (accept, with the session's CSRF token), each
proposed meeting accepted once by the person asked. Latency is from writing the request to reading the last
byte of the answer; an error is any other status than 200 (page) or 303 (accepted), or a broken connection.
The websocket part is benchmarks/push.py's measurement with `--sockets` clients.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psutil

from benchmarks import push
from benchmarks.greedy import greedy
from forum.domain import RunStatus, SolverRun
from forum.launcher.children import stop
from forum.launcher.valkey import EmbeddedValkey, free_port
from forum.services.runs.publish import publish_run
from forum.services.setup.demo import series_mania
from forum.services.signin.access import create_session
from forum.store import EventStore, connect
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.store.sessions import SessionStore
from tests.live import web_answers

EVENT = "series-mania-2026"
WARM_UP = 60  # agenda loads before measuring: each process renders its templates once


@dataclass
class Market:
    """Signed-in attendees (cookies) and, for each proposed meeting, what its accept needs."""

    cookies: list[str]
    accepts: list[tuple[str, str, str, str]] = field(default_factory=list)  # cookie, csrf, meeting, slot


@dataclass
class Level:
    web: int
    endpoint: str
    concurrency: int
    latencies: list[float]
    errors: int
    seconds: float

    def row(self) -> str:
        done = sorted(self.latencies)
        p50 = statistics.median(done) * 1000 if done else float("nan")
        p99 = done[int(0.99 * (len(done) - 1))] * 1000 if done else float("nan")
        return (f"| {self.web} | {self.endpoint} | {self.concurrency} | {len(done):,} | {self.errors} | "
                f"{len(done) / self.seconds:,.0f} | {p50:,.0f} ms | {p99:,.0f} ms |")


def prepare(redis_url: str) -> Market:
    client = connect(redis_url)
    inst = series_mania()
    EventStore(client).import_instance(inst)
    draft = greedy(inst)
    RunStore(client).records(EVENT).put(SolverRun("run-1", EVENT, RunStatus.FINISHED, created_at=time.time()))
    ScheduleStore(client).save_draft(EVENT, "run-1", draft)
    publish_run(client, EVENT, "run-1")
    cookies = {a.id: create_session(client, EVENT, a.id) for a in inst.attendees}
    sessions = SessionStore(client)
    csrf = {who: record.csrf for who, cookie in cookies.items() if (record := sessions.get(cookie)) is not None}
    target = {w.id: w.target for w in inst.wishes}
    accepts = [(cookies[target[m.wish]], csrf[target[m.wish]], m.wish, m.slot) for m in draft.meetings]
    return Market(list(cookies.values()), accepts)


class Connection:
    """One keep-alive HTTP/1.1 connection, with just what this benchmark reads (Content-Length or chunked)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def send(self, request: bytes) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self.streams
        writer.write(request)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while (size := int((await reader.readline()).strip(), 16)) > 0:
                await reader.readexactly(size + 2)
            await reader.readline()
        if headers.get("connection") == "close":
            self.close()
        return int(head[0].split()[1])

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


def agenda_request(port: int, cookie: str) -> bytes:
    return (f"GET /e/{EVENT}/agenda HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Cookie: forum_session={cookie}\r\n\r\n").encode()


def accept_request(port: int, cookie: str, csrf: str, meeting: str, slot: str) -> bytes:
    body = urlencode({"csrf": csrf, "decision": "accept", "slot": slot}).encode()
    return (f"POST /e/{EVENT}/meetings/{meeting}/answer HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Cookie: forum_session={cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


async def hammer(port: int, requests: list[bytes], expected: int, concurrency: int,
                 seconds: float) -> tuple[list[float], int, float]:
    """`concurrency` connections sending `requests` in turn until all are sent or `seconds` pass."""
    latencies: list[float] = []
    errors = 0
    queue = iter(requests)
    deadline = time.monotonic() + seconds

    async def user() -> None:
        nonlocal errors
        connection = Connection(port)
        for request in queue:
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            try:
                ok = await asyncio.wait_for(connection.send(request), seconds) == expected
            except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
                ok = False
                connection.close()
            latencies.append(time.perf_counter() - started)
            errors += not ok
        connection.close()

    started = time.monotonic()
    await asyncio.gather(*(user() for _ in range(concurrency)))
    return latencies, errors, time.monotonic() - started


def run_levels(port: int, web: int, market: Market, levels: list[int], seconds: float) -> list[Level]:
    pages = itertools.cycle(market.cookies)
    asyncio.run(hammer(port, [agenda_request(port, next(pages)) for _ in range(WARM_UP)], 200, 10, seconds))
    found = []
    for concurrency in levels:
        requests = [agenda_request(port, next(pages)) for _ in range(max(500, 10 * concurrency))]
        found.append(Level(web, "GET agenda", concurrency, *asyncio.run(hammer(port, requests, 200, concurrency,
                                                                                   seconds))))
    for concurrency in levels:
        count = max(200, 2 * concurrency)
        batch, market.accepts = market.accepts[:count], market.accepts[count:]
        requests = [accept_request(port, *accept) for accept in batch]
        found.append(Level(web, "POST accept", concurrency, *asyncio.run(hammer(port, requests, 303, concurrency,
                                                                                    seconds))))
    return found


def serve(redis_url: str, web: int, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(FORUM_REDIS_URL=redis_url, FORUM_SECRET_KEY=secrets.token_urlsafe(32), FORUM_DATA_DIR=str(log.parent))
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "forum", "serve", "--port", str(port), "--web-processes",
                                 str(web), "--workers", "0"], env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not web_answers(f"http://127.0.0.1:{port}"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"forum serve did not start:\n{log.read_text()}")
        time.sleep(0.1)
    return proc, port


def web_rss_mb(proc: subprocess.Popen[bytes]) -> list[float]:
    parent = psutil.Process(proc.pid)
    processes = [c for c in parent.children() if "uvicorn" in " ".join(c.cmdline())] or [parent]
    return [p.memory_info().rss / 2**20 for p in processes]


def load_table(valkey: EmbeddedValkey, tmp: Path, webs: list[int], levels: list[int], seconds: float) -> list[str]:
    started = time.monotonic()
    market = prepare(valkey.url)
    print(f"prepared {len(market.cookies):,} sessions and {len(market.accepts):,} proposed meetings "
          f"in {time.monotonic() - started:.0f} s", flush=True)
    rows, memory = [], []
    for web in webs:
        proc, port = serve(valkey.url, web, tmp / f"serve-{web}.log")
        try:
            for level in run_levels(port, web, market, levels, seconds):
                rows.append(level.row())
                print(rows[-1], flush=True)
            memory.append(f"{web} web process{'es' if web > 1 else ''}: RSS after the load "
                          + ", ".join(f"{mb:.0f} MB" for mb in web_rss_mb(proc)))
        finally:
            stop(proc, 30)
    head = ["| web processes | endpoint | concurrency | requests | errors | req/s | p50 | p99 |",
            "|---|---|---|---|---|---|---|---|"]
    return [*head, *rows, "", *memory]


def socket_table(valkey: EmbeddedValkey, tmp: Path, clients: int) -> list[str]:
    cookies = push.prepare(valkey.url, clients)
    web, url = push.start_web(valkey.url, False, tmp / "push-web.log")
    try:
        result = asyncio.run(push.measure(url, cookies, web.pid, valkey.url, False))
    finally:
        stop(web, 30)
    return ["| sockets on one web process | delivered | connect all | p50 | p99 | max | web RSS held | after |",
            "|---|---|---|---|---|---|---|---|",
            f"| {result['clients']:,} | {result['delivered']:,} | {result['connect_s']:.1f} s | {result['p50']:.2f} s"
            f" | {result['p99']:.2f} s | {result['max']:.2f} s | {result['held_mb']:.0f} MB | "
            f"{result['after_mb']:.0f} MB |"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[10, 50, 100, 200])
    parser.add_argument("--web", type=int, nargs="+", default=[1, 2], help="web process counts to compare")
    parser.add_argument("--sockets", type=int, default=10_000, help="0 skips the websocket part")
    parser.add_argument("--seconds", type=float, default=30.0, help="time cap per level")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 2 * args.sockets + 1024)), hard))
    with tempfile.TemporaryDirectory() as tmp:
        valkey = EmbeddedValkey(Path(tmp) / "valkey").start()
        try:
            lines = load_table(valkey, Path(tmp), args.web, args.levels, args.seconds)
            if args.sockets:
                lines += ["", *socket_table(valkey, Path(tmp), args.sockets)]
        finally:
            valkey.stop()
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
