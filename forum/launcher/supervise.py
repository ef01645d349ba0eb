"""Keeping `forum serve`'s children alive: one that dies is started again after 1 s, doubling to 30 s while
it keeps dying, back to 1 s once it has stayed up for a minute."""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from forum.launcher.children import spawn, stop_all

FIRST_DELAY, MAX_DELAY = 1.0, 30.0
STEADY_AFTER = 60.0  # a child up this long had a one-off failure: its next restart waits FIRST_DELAY again
POLL_EVERY = 0.25
log = logging.getLogger("forum.serve")


@dataclass
class Child:
    """One supervised child: how to start it, and its current process."""

    name: str
    command: Sequence[str]
    env: dict[str, str]
    log_path: Path
    pass_fds: Sequence[int] = ()
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    delay: float = 0.0  # the wait before the last restart; 0 until it first dies
    restart_at: float | None = None


def next_delay(previous: float, lived: float) -> float:
    """Backoff after a child lived `lived` seconds, given the wait before its last restart."""
    if previous == 0.0 or lived >= STEADY_AFTER:
        return FIRST_DELAY
    return min(MAX_DELAY, previous * 2)


@dataclass
class Supervisor:
    children: list[Child]
    on_exit: Callable[[int], None] = lambda pid: None  # told the pid of every child that ended
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Supervisor:
        """Start every child now, then watch them from a thread (whose restarts die with it: PR_SET_PDEATHSIG)."""
        try:
            for child in self.children:
                self._spawn(child)
        except BaseException:
            stop_all([c.process for c in self.children if c.process is not None])
            raise
        self._thread = threading.Thread(target=self._run, name="supervisor", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)

    def _run(self) -> None:
        try:
            while not self._stop.wait(POLL_EVERY):
                for child in self.children:
                    self._check(child, time.monotonic())
        finally:
            stop_all([c.process for c in self.children if c.process is not None])
            for child in self.children:
                if child.process is not None:
                    self.on_exit(child.process.pid)

    def _spawn(self, child: Child) -> subprocess.Popen[bytes]:
        with open(child.log_path, "ab") as out:
            child.process = spawn(child.command, env=child.env, log=out, pass_fds=child.pass_fds)
        child.started_at, child.restart_at = time.monotonic(), None
        return child.process

    def _check(self, child: Child, now: float) -> None:
        if child.process is None:
            if child.restart_at is not None and now >= child.restart_at:
                log.info("%s restarted (pid %d)", child.name, self._spawn(child).pid)
            return
        code = child.process.poll()
        if code is None:
            return
        lived = now - child.started_at
        child.delay = next_delay(child.delay, lived)
        child.restart_at = now + child.delay
        log.warning("%s (pid %d) exited with code %d after %.0f s; restarting in %.0f s",
                    child.name, child.process.pid, code, lived, child.delay)
        self.on_exit(child.process.pid)
        child.process = None
