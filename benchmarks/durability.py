"""What waiting for the disk costs: meeting accepts per second with and without WAITAOF.

    python -m benchmarks.durability [--buyers 50] [--slots 41] [--threads 50] [--replica [--replica-fsync always]]

Starts its own Valkey (AOF on, `appendfsync everysec`, data in a temporary directory on this disk),
imports an event where every buyer has a proposed meeting in every slot, and lets `--threads` threads accept
them all through the service the web calls (`answer_meeting`: the guarded meeting write, the request
accepted with it, the live notifications). Each mode starts from a fresh import, and the modes take turns
(`--rounds`) so that a machine busy with something else slows them alike:

- `memory`: acknowledged once Valkey has it in memory (no WAITAOF; what the forum did before);
- `WAITAOF 1 0`: acknowledged once the AOF is fsynced (the default);
- `WAITAOF 1 1` (`--replica`): and once a replica's AOF is fsynced too (FORUM_DURABLE_REPLICAS=1), the replica
  with `--replica-fsync` (its `appendfsync`). `--threads 1` shows what one lone answer waits.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import redis

from forum.domain import Attendee, Event, Instance, Location, Placement, Slot, Wish
from forum.domain.times import Window
from forum.launcher.children import spawn, stop
from forum.launcher.valkey import EmbeddedValkey, free_port, valkey_binary
from forum.services.attendees.agenda import answer_meeting
from forum.store import EventStore
from forum.store.connection import Durability, connect

EVENT = "durability-bench"
DAY = datetime(2026, 3, 24, 9, 0)


def market(buyers: int, slots: int) -> Instance:
    """Producer p meets buyer (p - s) mod n in slot s at the buyer's table: nobody is booked twice."""
    times = tuple(Slot(f"s{s}", Window(DAY + timedelta(minutes=15 * s), DAY + timedelta(minutes=15 * s + 15)))
                  for s in range(slots))
    people = (*(Attendee(f"b{b}", f"Buyer {b}", role="buyer") for b in range(buyers)),
              *(Attendee(f"p{p}", f"Producer {p}", role="producer") for p in range(buyers)))
    wishes = tuple(Wish(f"w{b}-{s}", f"p{(b + s) % buyers}", f"b{b}") for b in range(buyers) for s in range(slots))
    placed = tuple(Placement(f"w{b}-{s}", f"s{s}", f"T{b}") for b in range(buyers) for s in range(slots))
    return Instance(Event(EVENT, "Durability benchmark"), times, tuple(Location(f"T{b}") for b in range(buyers)),
                    people, wishes, previous=placed)


def accept_all(client: redis.Redis, buyers: int, slots: int, threads: int) -> tuple[float, list[float]]:
    """(seconds for every accept, each accept's latency); buyers are shared out among the threads."""
    latencies: list[float] = []

    def work(mine: list[int]) -> None:
        for b in mine:
            for s in range(slots):
                t = time.perf_counter()
                answer_meeting(client, EVENT, f"b{b}", f"w{b}-{s}", "accept", f"s{s}")
                latencies.append(time.perf_counter() - t)

    workers = [threading.Thread(target=work, args=(list(range(i, buyers, threads)),)) for i in range(threads)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - started, latencies


def start_replica(primary_port: int, data_dir: Path, fsync: str) -> tuple[object, str]:
    """A valkey-server replicating the primary, with an AOF of its own; returns (process, url) once in sync."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = spawn([valkey_binary(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data_dir),
                     "--appendonly", "yes", "--appendfsync", fsync, "--save", "",
                     "--replicaof", "127.0.0.1", str(primary_port)])
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if redis.Redis.from_url(url).info("replication").get("master_link_status") == "up":
                return process, url
        except redis.RedisError:
            pass
        time.sleep(0.1)
    stop(process)  # type: ignore[arg-type]
    raise RuntimeError("the replica did not catch up with the primary")


def run_mode(url: str, durability: Durability, args: argparse.Namespace) -> tuple[float, float, float]:
    client = connect(url, durability)
    client.flushall()
    EventStore(client).import_instance(market(args.buyers, args.slots))
    took, latencies = accept_all(client, args.buyers, args.slots, args.threads)
    latencies.sort()
    client.close()
    return len(latencies) / took, statistics.median(latencies), latencies[int(0.99 * (len(latencies) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=50)
    parser.add_argument("--slots", type=int, default=41)
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--replica", action="store_true", help="also WAITAOF 1 1, with a replica process")
    parser.add_argument("--replica-fsync", choices=("everysec", "always"), default="everysec")
    parser.add_argument("--rounds", type=int, default=3, help="modes alternate, each reported by its median round")
    args = parser.parse_args()
    modes = [("memory (no WAITAOF)", Durability(local=0)), ("WAITAOF 1 0", Durability())]
    if args.replica:
        modes.append((f"WAITAOF 1 1 (replica, appendfsync {args.replica_fsync})", Durability(replicas=1)))
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:  # on this disk, not a RAM tmpfs
        valkey = EmbeddedValkey(Path(tmp) / "primary").start()
        replica = start_replica(valkey.port, Path(tmp) / "replica", args.replica_fsync)[0] if args.replica else None
        try:
            rounds = [[run_mode(valkey.url, durability, args) for _, durability in modes] for _ in range(args.rounds)]
        finally:
            if replica is not None:
                stop(replica)  # type: ignore[arg-type]
            valkey.stop()
    print(f"{args.buyers * args.slots:,} accepts by {args.threads} threads, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}; median of {args.rounds} alternating rounds")
    print("| acknowledged when | accepts/s | p50 | p99 |")
    print("|---|---|---|---|")
    for i, (name, _) in enumerate(modes):
        rate, p50, p99 = (statistics.median(r[i][k] for r in rounds) for k in range(3))
        print(f"| {name} | {rate:,.0f} | {p50 * 1000:.1f} ms | {p99 * 1000:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
