"""Child processes that die with their parent, so no valkey-server or worker is ever orphaned."""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import IO

PR_SET_PDEATHSIG = 1
# Looked up once in the parent: between fork and exec (threads may hold locks) the child only makes the call.
_PRCTL = ctypes.CDLL("libc.so.6", use_errno=True).prctl if sys.platform.startswith("linux") else None


def _die_with_parent() -> None:
    # Linux only: the kernel sends SIGTERM to the child when the parent dies, even by kill -9. "The parent"
    # is the thread that started the child, so the supervisor's thread lives as long as its children.
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(
    args: Sequence[str], env: dict[str, str] | None = None, log: IO[bytes] | None = None,
    pass_fds: Sequence[int] = (),
) -> subprocess.Popen[bytes]:
    """Start a child in its own process group (Ctrl-C reaches it only through us)."""
    return subprocess.Popen(
        list(args),
        env=env,
        pass_fds=tuple(pass_fds),
        stdout=log if log is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL,
        preexec_fn=_die_with_parent,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it does not exit in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def stop_all(processes: Sequence[subprocess.Popen[bytes]], timeout: float = 10.0) -> None:
    """SIGTERM to all at once (they shut down in parallel), then SIGKILL to any still there after `timeout`."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
