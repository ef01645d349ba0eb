"""`forum serve` as a real process: serves the demo, and leaves no valkey or worker behind when stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from forum.launcher.valkey import free_port
from tests.live import web_answers


def _start(tmp_path: Path, *extra: str, redis_url: str | None = None) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_DATA_DIR"] = str(tmp_path / "var")
    if redis_url:
        env["FORUM_REDIS_URL"] = redis_url
    proc = subprocess.Popen([sys.executable, "-m", "forum", "serve", "--port", str(port), *extra],
                            env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if web_answers(f"http://127.0.0.1:{port}"):
            return proc, port
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    out = proc.stdout.read().decode() if proc.stdout else ""
    pytest.fail(f"forum serve did not come up:\n{out}")


def _children(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def _wait_gone(processes: list[psutil.Process]) -> list[psutil.Process]:
    _, alive = psutil.wait_procs(processes, timeout=15)
    return alive


def test_serve_demo_lists_events_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    proc, port = _start(tmp_path, "--demo")
    page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
    assert page.status_code == 200
    assert "Inspiration Tour 2026" in page.text and "Series Mania Forum 2026" in page.text
    children = _children(proc.pid)
    names = " ".join(" ".join(c.cmdline()) for c in children)
    assert "valkey-server" in names and "worker" in names
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    assert _wait_gone(children) == []


def test_serve_killed_hard_leaves_no_orphan(tmp_path: Path) -> None:
    proc, _ = _start(tmp_path)
    children = _children(proc.pid)
    assert children
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert _wait_gone(children) == []


def test_serve_second_instance_on_same_data_dir_refused(tmp_path: Path) -> None:
    proc, _ = _start(tmp_path)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
        env["FORUM_DATA_DIR"] = str(tmp_path / "var")
        second = subprocess.run([sys.executable, "-m", "forum", "serve", "--port", str(free_port())],
                                env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert second.returncode != 0
        assert "already running on data directory" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)


def test_serve_with_redis_url_starts_only_the_web_process(tmp_path: Path, redis_url: str) -> None:
    proc, port = _start(tmp_path, "--demo", redis_url=redis_url)
    try:
        assert _children(proc.pid) == []
        assert "Series Mania Forum 2026" in httpx.get(f"http://127.0.0.1:{port}/", timeout=10).text
        assert not (tmp_path / "var" / "valkey.json").exists()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
