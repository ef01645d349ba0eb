"""Repair latency benchmark: one decline at L, until the repaired schedule is published and pushed.

    python -m benchmarks.repair [--size L] [--wishes 29000] [--declines 3] [--seed 1] [--burst]

Starts its own Valkey, loads a generated market (L: 5,000 attendees, the first 29,000 wishes) with a
first-come schedule (benchmarks/greedy.py, cached in the temp dir) published as a finished run's, with a
reason for each of the ~16,000 requests left out, then runs one real uvicorn web process and one real
`forum worker` (with its sweeper). For each decline it picks a proposed meeting whose place some left-out
request could take (the pure checker says so), opens a websocket for the people of those requests and of
the meeting, and declines it through the service (`agenda.decline`). It then reads the shared bus (every
notification, stamped by Valkey) and the sockets, and prints, from the moment the decline takes effect
(its undo window closed): repair run queued, running, finished (checked and kept), the push written
(Valkey's stamp on the attendee's note, right after the publish's switch), the organizers'
`schedule.published` note, and the push received by the phone of a person who got the freed place.
Declines are spaced by the repair rate limit, so each one measures a repair that nothing holds back;
`--burst` declines them all in a row instead, `--spacing` seconds apart (how many repair runs, how long
each decline waits).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import redis
from websockets.sync.client import connect as ws_connect

from benchmarks.generate import generate
from benchmarks.greedy import greedy
from forum.checker.placing import Obstacle, Occupancy
from forum.checker.rules import is_open
from forum.domain import Instance, Meeting, RunStatus, Schedule, SolverRun, Wish
from forum.domain.instance_json import parse_instance
from forum.domain.schedule_json import dump_schedule, parse_schedule
from forum.launcher.valkey import EmbeddedValkey
from forum.services.attendees.agenda import decline
from forum.services.runs import repair
from forum.services.runs.publish import publish_run
from forum.services.signin.access import create_session
from forum.store import EventStore, connect
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.store.streams import BUS, organizer_stream
from forum.web.auth import SESSION_COOKIE
from tests.live import start_web, start_worker

DEADLINE = 120.0  # seconds one decline may take to reach a phone before the benchmark gives up
SOCKETS = 40  # phones listened to per decline: the people of the requests that could take the place
STEPS = ("queued", "running", "finished", "push written", "published", "push received")


def market(size: str, wishes: int, seed: int, cache: Path) -> tuple[Instance, Schedule]:
    """The instance and its first-come schedule; the schedule is cached, the instance is cheap to remake."""
    doc = generate(size, seed)
    doc["wishes"] = doc["wishes"][:wishes]
    inst = parse_instance(doc)
    found = cache / f"repair-{size}-{wishes}-{seed}.json"
    if found.exists():
        return inst, parse_schedule(json.loads(found.read_text()))
    schedule = greedy(inst)
    found.write_text(json.dumps(dump_schedule(schedule)))
    return inst, schedule


@dataclass
class Target:
    meeting: Meeting
    by: str  # the person asked, who declines
    listeners: list[str]  # people of the left-out requests of the meeting's people (them included)


def targets(inst: Instance, schedule: Schedule, count: int) -> list[Target]:
    """Proposed meetings whose place a left-out open request could take once they are declined, each with
    people of its own (declines must not share anyone, or one repair's answer shapes the next)."""
    wishes = {w.id: w for w in inst.wishes}
    placed = {p.wish for p in schedule.meetings}
    left_out = [w for w in inst.wishes if is_open(w) and w.id not in placed]
    by_person: dict[str, list[str]] = {}
    for w in left_out:
        for who in w.participants:
            by_person.setdefault(who, []).append(w.id)
    full = Occupancy(inst, schedule)
    out: list[Target] = []
    used: set[str] = set()
    for p in sorted(schedule.meetings, key=lambda p: p.wish):
        people = set(wishes[p.wish].participants)
        if people & used or not _maybe_taken(full, [wishes[w] for who in people for w in by_person.get(who, ())],
                                             p.slot, p.location, people):
            continue
        occupancy = Occupancy(inst, replace(schedule, meetings=tuple(m for m in schedule.meetings
                                                                     if m.wish != p.wish)))
        takers = [w for w in left_out if not occupancy.obstacles(w, p.slot, p.location)]  # the freed table too
        if not takers:
            continue
        waiting = [wishes[w] for who in people for w in by_person.get(who, ())]
        waiting = list(dict.fromkeys(takers + waiting))  # who could take this very place first, heaviest first
        waiting.sort(key=lambda w: (w not in takers, -w.weight, w.id))
        listeners = list(dict.fromkeys(who for w in waiting for who in w.participants))[:SOCKETS]
        out.append(Target(Meeting(p.wish, p.wish, p.slot, p.location), wishes[p.wish].target, listeners))
        used |= people | set(listeners)
        if len(out) == count:
            break
    return out


def _maybe_taken(full: Occupancy, wishes: list[Wish], slot: str, table: str, people: set[str]) -> bool:
    """Whether one of `wishes` meets no obstacle at the place but those the declined meeting itself makes
    (a cheap first look; the full check follows on the schedule without it)."""
    def freed(o: Obstacle) -> bool:
        return (o.kind == "table" and o.rule == 4) or (o.who in people and o.kind in ("busy", "cap", "day cap"))

    return any(all(freed(o) for o in full.obstacles(w, slot, table)) for w in wishes)


@dataclass
class Watch:
    """What the bus and the sockets saw after one decline, as epoch seconds."""

    event: str
    started: float
    seen: dict[str, float] = field(default_factory=dict)
    received: dict[str, float] = field(default_factory=dict)  # person -> their phone got an added meeting
    repair_run: str = ""
    placed: list[str] = field(default_factory=list)  # people told of an added meeting
    written: dict[str, float] = field(default_factory=dict)  # person -> their note of an added meeting
    runs: set[str] = field(default_factory=set)  # repair runs seen
    done: threading.Event = field(default_factory=threading.Event)

    def on_note(self, stream: str, stamp: float, data: dict[str, Any]) -> None:
        kind = data.get("type", "")
        if stream == organizer_stream(self.event):
            run = data.get("run")
            run_id = run.get("id", "") if isinstance(run, dict) else str(run or "")
            if run_id.startswith(repair.REPAIR + "-") and kind.startswith("run."):
                self.repair_run = run_id
                self.runs.add(run_id)
                self.seen.setdefault(kind.removeprefix("run."), stamp)
            elif kind == "schedule.published" and run_id == self.repair_run:
                self.seen.setdefault("published", stamp)
        elif kind == "schedule.changed" and any(c.get("change") == "added" for c in data.get("changes", ())):
            self.seen.setdefault("push written", stamp)
            self.placed.append(stream.rsplit(":", 1)[-1])
            self.written.setdefault(self.placed[-1], stamp)


def tail_bus(url: str, watch: Watch, after: str) -> None:
    reader = redis.Redis.from_url(url, decode_responses=True)
    try:
        while not watch.done.is_set():
            found: list[tuple[str, list[tuple[str, dict[str, str]]]]] = reader.xread({BUS: after}, block=200)  # type: ignore[assignment]  # str client
            for _, entries in found or ():
                for entry_id, fields in entries:
                    after, stamp = entry_id, int(entry_id.split("-")[0]) / 1000
                    for stream, _, payload in json.loads(fields["b"]):
                        watch.on_note(stream, stamp, json.loads(payload))
    finally:
        reader.close()


def listen(web_url: str, cookie: str, who: str, watch: Watch, ready: threading.Barrier) -> None:
    """One phone: waits for a `schedule.changed` that adds a meeting of theirs."""
    with ws_connect(web_url.replace("http://", "ws://") + f"/ws/{watch.event}", compression=None,
                    additional_headers={"Origin": web_url, "Cookie": f"{SESSION_COOKIE}={cookie}"}) as ws:
        while json.loads(ws.recv(timeout=30))["type"] != "hello":
            pass
        ready.wait(30)
        deadline = time.monotonic() + DEADLINE
        while not watch.done.is_set() and time.monotonic() < deadline:
            try:
                frame = json.loads(ws.recv(timeout=0.2))
            except TimeoutError:
                continue
            if frame.get("type") == "schedule.changed" and any(c.get("change") == "added"
                                                                for c in frame.get("changes", ())):
                watch.received.setdefault(who, time.time())
                return


def open_phones(client: redis.Redis, url: str, web_url: str, watch: Watch, people: list[str]) -> threading.Thread:
    """A listening phone for each of `people`, and the bus tail from now on; returns the tail's thread."""
    cookies = {who: create_session(client, watch.event, who) for who in people}
    ready = threading.Barrier(len(cookies) + 1)
    for who, cookie in cookies.items():
        threading.Thread(target=listen, args=(web_url, cookie, who, watch, ready), daemon=True).start()
    ready.wait(60)
    last = client.xrevrange(BUS, count=1)
    bus = threading.Thread(target=tail_bus, args=(url, watch, last[0][0] if last else "0-0"), daemon=True)
    bus.start()
    return bus


def settle(watch: Watch, bus: threading.Thread, heard: Callable[[], bool]) -> None:
    """Wait until `heard()`, or 30 s after a publish that told none of the phones listened to."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and not heard():
        if time.time() - watch.seen.get("published", time.time()) > 30:
            break
        time.sleep(0.02)
    time.sleep(0.3)  # the other phones' frames, for the record
    watch.done.set()
    bus.join(5)


def one_decline(client: redis.Redis, url: str, web_url: str, event: str, target: Target) -> dict[str, float]:
    """Seconds from the decline taking effect to each step; a step never seen is missing."""
    watch = Watch(event, time.time())
    bus = open_phones(client, url, web_url, watch, target.listeners)
    effective = decline(client, event, target.by, target.meeting.id).until  # its undo window closes
    settle(watch, bus, lambda: bool(watch.received))
    found = {k: v - effective for k, v in watch.seen.items()}
    if watch.received:
        found["push received"] = min(watch.received.values()) - effective
    else:
        print(f"  told of a new meeting: {watch.placed[:5]}; none of them among the phones listened to")
    return found


def burst(client: redis.Redis, url: str, web_url: str, event: str, targets: list[Target],
          spacing: float) -> list[dict[str, float]]:
    """The declines `spacing` seconds apart: for each, seconds from its taking effect to its place's push."""
    watch = Watch(event, time.time())
    bus = open_phones(client, url, web_url, watch, [who for t in targets for who in t.listeners])
    effective = []
    for i, t in enumerate(targets):
        time.sleep(spacing if i else 0)
        effective.append(decline(client, event, t.by, t.meeting.id).until)

    def first(found: dict[str, float], target: Target) -> float | None:
        return min((found[who] for who in target.listeners if who in found), default=None)

    settle(watch, bus, lambda: all(first(watch.received, t) is not None for t in targets))
    rows = []
    for target, since in zip(targets, effective, strict=True):
        row = {"push written": first(watch.written, target), "push received": first(watch.received, target)}
        rows.append({k: v - since for k, v in row.items() if v is not None})
    print(f"{len(targets)} declines within {effective[-1] - effective[0]:.2f} s: {len(watch.runs)} repair runs")
    return rows


def load(url: str, inst: Instance, schedule: Schedule) -> None:
    """The event, and the schedule published as a finished run's, with its reasons for every request left
    out (a repair keeps them, as after a real run)."""
    client = connect(url)
    EventStore(client).import_instance(inst)
    RunStore(client).records(inst.event.id).put(SolverRun("run-0", inst.event.id, RunStatus.FINISHED,
                                                          created_at=time.time()))
    ScheduleStore(client).save_draft(inst.event.id, "run-0", schedule)
    publish_run(client, inst.event.id, "run-0")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="L")
    parser.add_argument("--wishes", type=int, default=29_000)
    parser.add_argument("--declines", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--burst", action="store_true", help="decline them all at once, not one at a time")
    parser.add_argument("--spacing", type=float, default=0.0, help="seconds between the declines of a burst")
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / "forum-bench"
    cache.mkdir(exist_ok=True)
    started = time.monotonic()
    inst, schedule = market(args.size, args.wishes, args.seed, cache)
    picked = targets(inst, schedule, args.declines)
    print(f"{args.size}: {len(inst.attendees):,} attendees, {len(inst.wishes):,} wishes, "
          f"{len(schedule.meetings):,} meetings published; {len(picked)} declines "
          f"(prepared in {time.monotonic() - started:.1f} s)", flush=True)
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        valkey = EmbeddedValkey(Path(tmp)).start()
        web = worker = None
        try:
            load(valkey.url, inst, schedule)
            web = start_web(valkey.url, Path(tmp))
            worker = start_worker(valkey.url, Path(tmp))
            client = connect(valkey.url)
            if args.burst:
                rows = burst(client, valkey.url, web.url, inst.event.id, picked, args.spacing)
            for i, target in enumerate(picked):
                if not args.burst:
                    time.sleep(repair.REPAIR_EVERY + 1 if i else 0)  # past the rate limit: nothing holds it back
                    rows.append(one_decline(client, valkey.url, web.url, inst.event.id, target))
                print(f"decline {i + 1} ({target.meeting.id}): " + ", ".join(
                    f"{k} {v:.2f} s" for k, v in rows[i].items()), flush=True)
            published = ScheduleStore(client).published_run(inst.event.id)
        finally:
            for proc in (worker, web):
                if proc is not None:
                    proc.stop()
            valkey.stop()
    report(rows, published)
    return 0 if rows and all("push received" in r for r in rows) else 1


def report(rows: list[dict[str, float]], published: str | None) -> None:
    print(f"\nlast published run: {published}; REPAIR_EVERY {repair.REPAIR_EVERY:g} s")
    print("| step (seconds after the decline took effect) | median | max |")
    print("|---|---|---|")
    for step in STEPS:
        values = [r[step] for r in rows if step in r]
        if values:
            print(f"| {step} | {statistics.median(values):.2f} | {max(values):.2f} |")


if __name__ == "__main__":
    sys.exit(main())
