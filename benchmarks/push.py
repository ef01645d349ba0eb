"""Push benchmark: N websocket clients on one web process; publish a schedule touching all of them.

    python -m benchmarks.push [--clients 5000] [--deflate] [--write]

Starts its own Valkey and one uvicorn web process (127.0.0.1 only), builds an event with N attendees and
N/2 wishes, signs every attendee in, connects one websocket per attendee, then publishes a draft placing
every wish: each attendee gets one `schedule.changed` frame. Reports p50/p99/max delivery latency (from
the start of the publish to the frame's arrival) and the web process's resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import multiprocessing
import os
import resource
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psutil

from forum.domain import Attendee, Event, Instance, Location, Placement, RunStatus, Schedule, Slot, SolverRun, Wish
from forum.domain.times import Window
from forum.launcher.valkey import EmbeddedValkey, free_port
from forum.services.runs.publish import publish_run
from forum.store import EventStore, connect
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.store.sessions import SessionStore
from tests.live import web_answers

EVENT = "push-bench"
CONNECT_AT_ONCE = 200  # concurrent handshakes: stays under the listen backlog
DEADLINE = 120.0  # seconds any phase may take before the benchmark gives up


def build(clients: int) -> tuple[Instance, Schedule]:
    """N/2 producer->buyer wishes, every one placed at its own slot and table in the draft."""
    pairs = clients // 2
    tables = max(1, min(100, pairs))
    slot_count = -(-pairs // tables)
    day = datetime(2026, 3, 24, 9, 0)
    slots = tuple(Slot(f"s{i}", Window(day + timedelta(minutes=15 * i), day + timedelta(minutes=15 * i + 15)))
                  for i in range(slot_count))
    people = tuple(Attendee(f"a{i}", f"Attendee {i}", role="buyer" if i % 2 else "producer") for i in range(clients))
    wishes = tuple(Wish(f"w{i}", f"a{2 * i}", f"a{2 * i + 1}") for i in range(pairs))
    inst = Instance(Event(EVENT, "Push benchmark"), slots, tuple(Location(f"T{t}") for t in range(tables)),
                    people, wishes)
    draft = Schedule(tuple(Placement(f"w{i}", f"s{i // tables}", f"T{i % tables}") for i in range(pairs)))
    return inst, draft


def start_web(redis_url: str, deflate: bool, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(FORUM_REDIS_URL=redis_url, FORUM_SECRET_KEY="bench")
    command = [sys.executable, "-m", "uvicorn", "--factory", "forum.web.asgi:app_from_environment", "--host",
               "127.0.0.1", "--port", str(port), "--ws", "websockets-sansio", "--log-level", "warning",
               "--backlog", "4096", "--ws-per-message-deflate", "true" if deflate else "false"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if web_answers(url):  # no worker runs here, so /healthz says 503 for that alone
            return proc, url
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"web process did not start:\n{log.read_text()}")


class Client(asyncio.Protocol):
    """A minimal websocket client (handshake, frame parsing, pong): cheap enough to run 5,000 in one process."""

    def __init__(self, request: bytes, deflate: bool) -> None:
        self.request, self.buffer, self.upgraded = request, bytearray(), False
        self.inflate = zlib.decompressobj(-15) if deflate else None
        self.ready = asyncio.get_running_loop().create_future()
        self.arrived: float | None = None
        self.written: float | None = None  # when the notification was appended (its stream id is a timestamp)
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.request)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.ready.done():
            self.ready.set_exception(ConnectionError(f"closed before hello: {exc}"))

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if not self.buffer.startswith(b"HTTP/1.1 101"):
                self.ready.set_exception(ConnectionError(bytes(self.buffer[:60]).decode(errors="replace")))
                return
            del self.buffer[: end + 4]
            self.upgraded = True
        while (frame := self._next_frame()) is not None:
            self._on_frame(*frame)

    def _next_frame(self) -> tuple[int, bool, bytes] | None:
        b = self.buffer
        if len(b) < 2:
            return None
        size, at = b[1] & 0x7F, 2
        if size == 126:
            size, at = (struct.unpack(">H", b[2:4])[0], 4) if len(b) >= 4 else (-1, 0)
        elif size == 127:
            size, at = (struct.unpack(">Q", b[2:10])[0], 10) if len(b) >= 10 else (-1, 0)
        if size < 0 or len(b) < at + size:
            return None
        head, payload = b[0], bytes(b[at : at + size])
        del b[: at + size]
        return head & 0x0F, bool(head & 0x40), payload

    def _on_frame(self, opcode: int, compressed: bool, payload: bytes) -> None:
        if opcode == 9 and self.transport is not None:  # ping: answer with a masked pong
            mask = os.urandom(4)
            body = bytes(x ^ mask[i % 4] for i, x in enumerate(payload))
            self.transport.write(bytes([0x8A, 0x80 | len(payload)]) + mask + body)
        if opcode != 1:
            return
        if compressed and self.inflate is not None:
            payload = self.inflate.decompress(payload + b"\x00\x00\xff\xff")
        # Byte checks, not json.loads: the clients share two cores with the server they measure.
        if b'"type":"schedule.changed"' in payload:
            self.arrived = time.time()
            self.written = int(payload[7 : payload.index(b"-", 7)]) / 1000  # frames start {"id":"<ms>-<seq>"
        elif b'"type":"hello"' in payload and not self.ready.done():
            self.ready.set_result(None)


def handshake(web_url: str, cookie: str, deflate: bool) -> bytes:
    host = web_url.removeprefix("http://")
    key = base64.b64encode(os.urandom(16)).decode()
    extension = "Sec-WebSocket-Extensions: permessage-deflate\r\n" if deflate else ""
    return (f"GET /ws/{EVENT} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {web_url}\r\n{extension}"
            f"Cookie: forum_session={cookie}\r\n\r\n").encode()


async def open_client(web_url: str, cookie: str, deflate: bool, gate: asyncio.Semaphore) -> Client:
    host, port = web_url.removeprefix("http://").split(":")
    async with gate:
        loop = asyncio.get_running_loop()
        _, client = await loop.create_connection(lambda: Client(handshake(web_url, cookie, deflate), deflate),
                                                 host, int(port))
        await client.ready
    return client


def memory_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


def publisher(redis_url: str, conn: Connection) -> None:
    """In its own process, so the publish does not take CPU from the clients' event loop."""
    client = connect(redis_url)
    conn.recv()
    conn.send(publish_run(client, EVENT, "run-1"))


async def measure(web_url: str, cookies: list[str], web_pid: int, redis_url: str, deflate: bool) -> dict[str, Any]:
    ours, theirs = multiprocessing.get_context("spawn").Pipe()
    child = multiprocessing.get_context("spawn").Process(target=publisher, args=(redis_url, theirs), daemon=True)
    child.start()
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)
    started = time.monotonic()
    clients = await asyncio.wait_for(asyncio.gather(*(open_client(web_url, c, deflate, gate) for c in cookies)),
                                     DEADLINE)
    connected_in = time.monotonic() - started
    await asyncio.sleep(2)  # let the server settle before reading its memory
    held_mb = memory_mb(web_pid)
    published_at = time.time()
    ours.send("go")
    summary = await asyncio.to_thread(ours.recv)
    deadline = time.monotonic() + DEADLINE
    while any(c.arrived is None for c in clients) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    after_mb = memory_mb(web_pid)
    child.join(10)  # not earlier: it blocks the clients' event loop while the child exits
    for c in clients:
        if c.transport is not None:
            c.transport.close()
    latencies = sorted((c.arrived - published_at) for c in clients if c.arrived is not None)
    transit = sorted((c.arrived - c.written) for c in clients if c.arrived is not None and c.written is not None)
    return {"clients": len(clients), "delivered": len(latencies), "connect_s": connected_in,
            "held_mb": held_mb, "after_mb": after_mb, "publish": summary,
            "transit_p50": statistics.median(transit) if transit else None,
            "transit_p99": transit[int(0.99 * (len(transit) - 1))] if transit else None,
            "p50": statistics.median(latencies) if latencies else None,
            "p99": latencies[int(0.99 * (len(latencies) - 1))] if latencies else None,
            "max": latencies[-1] if latencies else None}


def prepare(redis_url: str, clients: int) -> list[str]:
    client = connect(redis_url)
    inst, draft = build(clients)
    EventStore(client).import_instance(inst)
    RunStore(client).records(EVENT).put(SolverRun("run-1", EVENT, RunStatus.FINISHED, created_at=time.time()))
    ScheduleStore(client).save_draft(EVENT, "run-1", draft)
    sessions = SessionStore(client)
    return [sessions.create(EVENT, a.id) for a in inst.attendees]


def report(r: dict[str, Any], deflate: bool) -> str:
    return (f"| {r['clients']:,} | {'on' if deflate else 'off'} | {r['delivered']:,} | {r['connect_s']:.1f} s | "
            f"{r['p50']:.2f} s | {r['p99']:.2f} s | {r['max']:.2f} s | {r['held_mb']:.0f} MB | "
            f"{r['after_mb']:.0f} MB | {os.getloadavg()[0]:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--deflate", action="store_true", help="offer permessage-deflate, as browsers do")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4 * args.clients + 1024)), hard))
    with tempfile.TemporaryDirectory() as tmp:
        valkey = EmbeddedValkey(Path(tmp)).start()
        web = None
        try:
            cookies = prepare(valkey.url, args.clients)
            web, url = start_web(valkey.url, args.deflate, Path(tmp) / "web.log")
            result = asyncio.run(measure(url, cookies, web.pid, valkey.url, args.deflate))
        finally:
            if web is not None:
                web.terminate()
                web.wait(10)
            valkey.stop()
    print("| clients | deflate | delivered | connect all | p50 | p99 | max | web RSS held | web RSS after | load |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(report(result, args.deflate))
    print(f"publish: {result['publish']}; from the stream write to arrival: p50 "
          f"{result['transit_p50']:.2f} s, p99 {result['transit_p99']:.2f} s")
    return 0 if result["delivered"] == result["clients"] else 1


if __name__ == "__main__":
    sys.exit(main())
