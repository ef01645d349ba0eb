"""Buyer home benchmark: one buyer with 650 requests and 24 proposed meetings; how long her pages take.

    python -m benchmarks.buyer_home [--requests 650] [--meetings 24] [--loads 20]

Starts its own Valkey and one real uvicorn web process (127.0.0.1 only), builds the event, signs the buyer in
and loads her agenda (the buyer home), her requests page and a filtered page of it, each `--loads` times over
one keep-alive connection after two warm-up loads. Reports the median and p95 of the time from sending the
request to the last byte of the answer (loopback: the server's time plus well under a millisecond), and each
page's HTML size. Targets: under 300 ms and under 150 KB. Not a timed test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from forum.domain import Attendee, Event, Instance, Location, Meeting, MeetingStatus, Project, Slot, Wish
from forum.domain.times import Window
from forum.launcher.valkey import EmbeddedValkey, free_port
from forum.store import EventStore, connect
from forum.store.sessions import SessionStore
from tests.live import web_answers

EVENT = "buyer-bench"
BUYER = "b0"
COUNTRIES = ("FR", "DE", "NO", "DK", "ES", "IT", "GB", "US", "BE", "NL")
MESSAGE = ("We are financing a {n}-episode crime drama set on the Norwegian coast and look for a pre-buy or "
           "co-production partner for season one.")


def build(requests: int, meetings: int) -> Instance:
    """Three days of 16 half-hour slots, 60 tables; `requests` producers each asked the buyer once."""
    day = datetime(2030, 3, 19, 9, 0)
    slots = tuple(Slot(f"s{d}-{i}", Window(day + timedelta(days=d, minutes=30 * i),
                                           day + timedelta(days=d, minutes=30 * i + 30)))
                  for d in range(3) for i in range(16))
    producers = tuple(Attendee(f"p{i}", f"Producer {i:03}", f"Company {i % 200:03}", "producer",
                               country=COUNTRIES[i % len(COUNTRIES)],
                               looking_for="pre-buy, co-production" if i % 2 else "distribution")
                      for i in range(requests))
    buyer = Attendee(BUYER, "Anna Berg", "Nordic Films", "buyer", country="NO", looking_for="crime drama")
    wishes = tuple(Wish(f"w{i}", f"p{i}", BUYER, (1, 3, 10)[i % 3], message=MESSAGE.format(n=6 + i % 5))
                   for i in range(requests))
    projects = tuple(Project(f"pr{i}", f"Project {i:03}", (f"p{i}",)) for i in range(meetings))
    return Instance(Event(EVENT, "Buyer home benchmark"), slots, tuple(Location(f"T{t}") for t in range(60)),
                    (buyer, *producers), wishes, projects=projects)


def prepare(redis_url: str, requests: int, meetings: int) -> str:
    """The event in the store, the first `meetings` requests proposed as meetings; the buyer's session cookie."""
    client = connect(redis_url)
    store = EventStore(client)
    inst = build(requests, meetings)
    store.import_instance(inst)
    placed = [Meeting(f"w{i}", f"w{i}", inst.slots[i].id, f"T{i % 60}",
                      MeetingStatus.ACCEPTED if i < 4 else MeetingStatus.PROPOSED) for i in range(meetings)]
    store.entities(EVENT, Meeting).put(*placed)
    return SessionStore(client).create(EVENT, BUYER)


def start_web(redis_url: str, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(FORUM_REDIS_URL=redis_url, FORUM_SECRET_KEY="bench")
    command = [sys.executable, "-m", "uvicorn", "--factory", "forum.web.asgi:app_from_environment", "--host",
               "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    for _ in range(300):
        if web_answers(f"http://127.0.0.1:{port}"):
            return proc, port
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"web process did not start:\n{log.read_text()}")


def measure(port: int, cookie: str, path: str, loads: int) -> tuple[list[float], int]:
    """Seconds per load and the page's size in bytes; a page that does not answer 200 stops the benchmark."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": f"forum_session={cookie}", "Accept": "text/html"}
    times, size = [], 0
    for n in range(loads + 2):
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        answer = conn.getresponse()
        body = answer.read()
        took = time.perf_counter() - start
        if answer.status != 200:
            raise RuntimeError(f"{path} answered {answer.status}: {body[:300]!r}")
        if n >= 2:  # the first loads warm the templates and the connection pool
            times.append(took)
        size = len(body)
    conn.close()
    return times, size


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=650)
    parser.add_argument("--meetings", type=int, default=24)
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()
    pages = [f"/e/{EVENT}/agenda", f"/e/{EVENT}/requests", f"/e/{EVENT}/requests?country=NO&sort=newest&page=1"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        valkey = EmbeddedValkey(Path(tmp)).start()
        web = None
        try:
            cookie = prepare(valkey.url, args.requests, args.meetings)
            web, port = start_web(valkey.url, Path(tmp) / "web.log")
            for path in pages:
                times, size = measure(port, cookie, path, args.loads)
                rows.append((path, statistics.median(times), p95(times), size))
        finally:
            if web is not None:
                web.terminate()
                web.wait(10)
            valkey.stop()
    print(f"buyer with {args.requests} requests and {args.meetings} meetings ({args.meetings - 4} proposed), "
          f"{args.loads} loads per page, one uvicorn process on 127.0.0.1")
    print("| page | median | p95 | HTML |")
    print("|---|---|---|---|")
    for path, median, high, size in rows:
        print(f"| `{path}` | {median * 1000:.0f} ms | {high * 1000:.0f} ms | {size / 1024:.0f} KB |")
    worst_time, worst_size = max(r[2] for r in rows), max(r[3] for r in rows)
    ok = worst_time < 0.3 and worst_size < 150 * 1024
    print(f"targets (< 300 ms p95, < 150 KB): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
