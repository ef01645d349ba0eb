"""`forum serve`: embedded Valkey and one worker when FORUM_REDIS_URL is unset, then uvicorn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from types import FrameType

import uvicorn

from forum.config import Settings
from forum.launcher.children import spawn, stop
from forum.launcher.valkey import EmbeddedValkey
from forum.services.setup.demo import load_demo
from forum.store import EventStore, connect
from forum.web import create_app


def _stop_on_sigterm() -> None:
    # Until uvicorn installs its own handlers, SIGTERM must unwind through our `finally`.
    def raise_exit(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, raise_exit)


def _start_worker(settings: Settings, redis_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FORUM_REDIS_URL": redis_url}
    log = open(settings.data_dir / "worker.log", "ab")  # noqa: SIM115 - handed to the child
    try:
        return spawn([sys.executable, "-m", "forum", "worker"], env=env, log=log)
    finally:
        log.close()


def serve(settings: Settings, demo: bool = False) -> int:
    _stop_on_sigterm()
    valkey: EmbeddedValkey | None = None
    worker: subprocess.Popen[bytes] | None = None
    try:
        redis_url = settings.redis_url
        if redis_url is None:
            valkey = EmbeddedValkey(settings.data_dir).start()
            redis_url = valkey.url
            print(f"forum: embedded Valkey at {redis_url}, data in {settings.data_dir}", flush=True)
            worker = _start_worker(settings, redis_url)
        store = EventStore(connect(redis_url))
        if demo and not store.ids():
            print(f"forum: loaded demo events {', '.join(load_demo(store))}", flush=True)
        app = create_app(settings.with_overrides(redis_url=redis_url))
        print(f"forum: serving on http://{settings.host}:{settings.port}", flush=True)
        # No permessage-deflate: live frames are ~200 bytes, and a zlib context per socket would cost
        # ~40 kB each (benchmarks/results/push.md: 5,000 phones 473 MB with it, 284 MB without).
        uvicorn.run(app, host=settings.host, port=settings.port, ws="websockets-sansio", log_level="warning",
                    ws_per_message_deflate=False)
    except KeyboardInterrupt:
        pass
    finally:
        if worker is not None:
            stop(worker)
        if valkey is not None:
            valkey.stop()
    return 0
