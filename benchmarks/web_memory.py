"""Idle web process memory: the RSS of one uvicorn web process after start-up and a few page loads.

    python -m benchmarks.web_memory [--requests 20]

Starts its own Valkey and one uvicorn process serving `forum.web.asgi:app_from_environment` on 127.0.0.1,
loads the demo events, asks for the landing page and /healthz a few times so that the routes' modules are
imported, then prints the web process's resident memory and whether OR-Tools was loaded into it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import httpx
import psutil

from forum.launcher.valkey import EmbeddedValkey
from forum.services.setup import demo
from forum.store import EventStore, connect
from tests.live import start_web


def ortools_mapped(pid: int) -> bool:
    """True when any OR-Tools shared library is mapped into the process."""
    return any("ortools" in m.path for m in psutil.Process(pid).memory_maps())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20, help="page loads before measuring (max 1000)")
    args = parser.parse_args()
    count = max(1, min(args.requests, 1000))
    with tempfile.TemporaryDirectory() as tmp:
        valkey = EmbeddedValkey(Path(tmp) / "valkey").start()
        try:
            EventStore(connect(valkey.url)).import_instance(demo.inspiration_tour())
            web = start_web(valkey.url, Path(tmp))
            try:
                for _ in range(count):
                    httpx.get(f"{web.url}/", timeout=10).raise_for_status()
                    httpx.get(f"{web.url}/healthz", timeout=10)
                rss = psutil.Process(web.process.pid).memory_info().rss / 2**20
                print(f"idle web process after {count} page loads: RSS {rss:.0f} MiB, "
                      f"OR-Tools loaded: {'yes' if ortools_mapped(web.process.pid) else 'no'}")
            finally:
                web.stop()
        finally:
            valkey.stop()


if __name__ == "__main__":
    main()
