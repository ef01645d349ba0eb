"""The children `forum serve` supervises: `forum worker`s, and uvicorn web processes sharing one listening socket.

Several web processes accept on one socket that `forum serve` binds and hands to each (`uvicorn --fd`), as
gunicorn does. Not SO_REUSEPORT: there the kernel gives each process a socket of its own and keeps sending
connections to a dead process's socket until it is back, while a shared socket is drained by the others.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from prometheus_client.multiprocess import mark_process_dead

from forum.config import Settings
from forum.launcher.supervise import Child

BACKLOG = 2048


def worker_children(settings: Settings, redis_url: str, count: int) -> list[Child]:
    env = {**os.environ, "FORUM_REDIS_URL": redis_url}
    command = [sys.executable, "-m", "forum", "worker"]
    return [Child(f"worker {i + 1}", command, env, settings.data_dir / "worker.log") for i in range(count)]


@dataclass
class WebProcesses:
    """The listening socket and the prometheus-client multiprocess directory the web children share."""

    listener: socket.socket
    metrics_dir: Path
    children: list[Child] = field(default_factory=list)

    def process_ended(self, pid: int) -> None:
        """Drop a dead web process's live gauges (its counters and histograms still add up)."""
        mark_process_dead(pid, str(self.metrics_dir))

    def close(self) -> None:
        self.listener.close()
        shutil.rmtree(self.metrics_dir, ignore_errors=True)


def web_processes(settings: Settings, redis_url: str, count: int) -> WebProcesses:
    listener = listen(settings.host, settings.port)
    metrics_dir = Path(tempfile.mkdtemp(prefix="forum-metrics-"))
    env = {**os.environ, "FORUM_REDIS_URL": redis_url, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
           "FORUM_HOST": settings.host, "FORUM_PORT": str(settings.port)}  # --host/--port: links point here
    # No permessage-deflate: live frames are ~200 bytes, and a zlib context per socket would cost ~40 kB each.
    command = [sys.executable, "-m", "uvicorn", "--factory", "forum.web.asgi:app_from_environment",
               "--fd", str(listener.fileno()), "--backlog", str(BACKLOG), "--ws", "websockets-sansio",
               "--ws-per-message-deflate", "false", "--log-level", "warning",
               "--no-proxy-headers"]  # X-Forwarded-For is trusted from FORUM_TRUSTED_PROXIES only (web/clients.py)
    children = [Child(f"web {i + 1}", command, env, settings.data_dir / "web.log", (listener.fileno(),))
                for i in range(count)]
    return WebProcesses(listener, metrics_dir, children)


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock
