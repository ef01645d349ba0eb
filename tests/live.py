"""Real processes for end-to-end tests: uvicorn web servers and RQ workers on the test Valkey."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from forum.launcher.children import stop as stop_process
from forum.launcher.valkey import free_port
from forum.services.workers import NO_WORKER

SECRET = "test-secret"


def forum_env(redis_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(FORUM_REDIS_URL=redis_url, FORUM_SECRET_KEY=SECRET, **extra)
    return env


@dataclass
class WebProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        stop_process(self.process)


def web_answers(url: str) -> bool:
    """The web process serves: /healthz is 200, or 503 only because no worker runs (many tests start none)."""
    try:
        response = httpx.get(f"{url}/healthz", timeout=1)
    except httpx.HTTPError:
        return False
    return response.status_code == 200 or (response.status_code == 503 and NO_WORKER in response.text)


def start_web(redis_url: str, log_dir: Path, port: int = 0, **extra: str) -> WebProcess:
    """One uvicorn process serving create_app(settings from env) on `port` (a restart), else a free one."""
    port = port or free_port()
    log = log_dir / f"web-{port}.log"
    command = [sys.executable, "-m", "uvicorn", "--factory", "forum.web.asgi:app_from_environment",
               "--host", "127.0.0.1", "--port", str(port), "--ws", "websockets-sansio",
               "--ws-per-message-deflate", "false", "--log-level", "warning"]
    with open(log, "ab") as out:  # appended: a restart on the same port keeps the first run's lines
        proc = subprocess.Popen(command, env=forum_env(redis_url, **extra), stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"web process exited:\n{log.read_text()}")
        if web_answers(url):
            return WebProcess(url, proc, log)
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"web process did not answer:\n{log.read_text()}")


@dataclass
class WorkerProcess:
    process: subprocess.Popen[bytes]
    log: Path
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        stop_process(self.process)


def start_worker(redis_url: str, log_dir: Path, name: str = "worker", **extra: str) -> WorkerProcess:
    log = log_dir / f"{name}-{time.monotonic_ns()}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "forum", "worker"], env=forum_env(redis_url, **extra),
                                stdout=out, stderr=subprocess.STDOUT)
    return WorkerProcess(proc, log)
