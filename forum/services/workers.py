"""Which workers are alive: each `forum worker` beats every few seconds; health checks and the console ask."""

from __future__ import annotations

import os
import secrets
import socket
import time
from dataclasses import dataclass

from forum.store.connection import Client
from forum.store.workers import BEAT_EVERY, BEAT_TTL, WorkerRegistry

__all__ = ["BEAT_EVERY", "BEAT_TTL", "NO_WORKER", "LiveWorker", "WorkerBeat", "live_workers"]

NO_WORKER = "no worker is running"


@dataclass(frozen=True)
class LiveWorker:
    id: str
    pid: int
    host: str
    queue: str
    started_at: float


def live_workers(client: Client, queue: str) -> list[LiveWorker]:
    """The workers serving `queue` whose heartbeat has not expired."""
    return [LiveWorker(str(w["id"]), int(w.get("pid", 0)), str(w.get("host", "")), str(w.get("queue", "")),
                       float(w.get("started_at", 0.0)))
            for w in WorkerRegistry(client).alive() if w.get("queue") == queue]


class WorkerBeat:
    """One worker process's heartbeat: `beat()` every BEAT_EVERY seconds, `forget()` when it stops."""

    def __init__(self, client: Client, queue: str) -> None:
        self.registry = WorkerRegistry(client)
        self.id = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
        self.info = {"pid": os.getpid(), "host": socket.gethostname(), "queue": queue, "started_at": time.time()}

    def beat(self) -> None:
        self.registry.beat(self.id, {**self.info, "at": time.time()})

    def forget(self) -> None:
        self.registry.forget(self.id)
