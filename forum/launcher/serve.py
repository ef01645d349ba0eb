"""`forum serve`: embedded Valkey when FORUM_REDIS_URL is unset, supervised workers, and one or more web processes."""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
from collections.abc import Iterator
from datetime import date
from types import FrameType

import uvicorn

from forum.config import DEV_SECRET_KEY, Settings
from forum.launcher.processes import WebProcesses, web_processes, worker_children
from forum.launcher.supervise import Supervisor
from forum.launcher.valkey import EmbeddedValkey
from forum.services.logs import configure_logging
from forum.services.setup.demo import demo_links, load_demo
from forum.store import EventStore, connect
from forum.web import create_app

log = logging.getLogger("forum.serve")
MIN_SECRET = 32  # characters; `secrets.token_urlsafe(32)` gives 43
NEW_SECRET = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"


def weak_secret(key: str) -> str:
    """Why FORUM_SECRET_KEY cannot protect sessions, sign-in links and access codes, or "" when it can."""
    if key == DEV_SECRET_KEY:
        return "FORUM_SECRET_KEY is unset (the built-in development key is public)"
    if len(key) < MIN_SECRET:
        return f"FORUM_SECRET_KEY is too short ({len(key)} characters; at least {MIN_SECRET})"
    return ""


def secret_refusal(settings: Settings) -> str:
    """A reason not to serve at all: a weak secret key on an address other machines can reach (with the key
    from the source anyone could forge sign-in links). On loopback it is only a warning."""
    weak = weak_secret(settings.secret_key)
    if not weak or settings.loopback:
        return ""
    return (f"forum serve: refusing to listen on {settings.host}: {weak}. Set FORUM_SECRET_KEY to a random "
            f"value of {MIN_SECRET}+ characters, e.g. the output of: {NEW_SECRET}")


def _stop_on_sigterm() -> None:
    # Until uvicorn installs its own handlers, SIGTERM must unwind through our `finally`.
    def raise_exit(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, raise_exit)


@contextlib.contextmanager
def _store_url(settings: Settings) -> Iterator[str]:
    """FORUM_REDIS_URL, or the URL of an embedded Valkey that lives as long as the block."""
    if settings.redis_url is not None:
        yield settings.redis_url
        return
    valkey = EmbeddedValkey(settings.data_dir, maxmemory=settings.valkey_maxmemory).start()
    log.info("embedded Valkey at %s, data in %s", valkey.url, settings.data_dir)
    try:
        yield valkey.url
    finally:
        valkey.stop()


def _demo(store: EventStore, settings: Settings, first_day: date | None) -> None:
    """Load the demo events into an empty store, then print where to sign in to them (fresh links each start)."""
    if not store.ids():
        log.info("loaded demo events %s", ", ".join(load_demo(store.client, first_day)))
    links = demo_links(store.client, settings.secret_key, settings.link_origin)
    lines = [f"  {d.event:<24} {d.role:<10} {d.name:<28} {d.link}" for d in links]
    print("Sign in to the demo (each link works once; `forum serve --demo` prints new ones):", *lines,
          sep="\n", flush=True)


def serve(settings: Settings, demo: bool = False, workers: int | None = None, web: int = 1,
          demo_day: date | None = None) -> int:
    """`workers` defaults to 1 with the embedded Valkey and 0 with FORUM_REDIS_URL (workers run elsewhere)."""
    refusal = secret_refusal(settings)
    if refusal:
        print(refusal, file=sys.stderr, flush=True)
        return 2
    configure_logging(settings, "web" if web == 1 else "serve")
    if weak_secret(settings.secret_key):
        log.warning("%s: fine on this machine only (%s); set it before serving others",
                    weak_secret(settings.secret_key), settings.host)
    _stop_on_sigterm()
    count = workers if workers is not None else (1 if settings.redis_url is None else 0)
    try:
        with _store_url(settings) as redis_url:
            store = EventStore(connect(redis_url))  # refuses an unreachable store or another schema early
            if demo:
                _demo(store, settings, demo_day)
            _run(settings.with_overrides(redis_url=redis_url), redis_url, count, web)
    except KeyboardInterrupt:
        pass
    return 0


def _run(settings: Settings, redis_url: str, workers: int, web: int) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # the children's logs
    children = worker_children(settings, redis_url, workers)
    shared: WebProcesses | None = web_processes(settings, redis_url, web) if web > 1 else None
    supervisor = Supervisor([*children, *(shared.children if shared else [])],
                            on_exit=shared.process_ended if shared else lambda pid: None)
    supervisor.start()
    log.info("serving on http://%s:%d (%d web process%s, %d worker%s)", settings.host, settings.port, web,
             "es" if web > 1 else "", workers, "" if workers == 1 else "s")
    try:
        if shared is None:
            _serve_here(settings)
        else:
            while True:
                signal.pause()  # the web children serve; SIGTERM or Ctrl-C ends the wait
    finally:
        supervisor.stop()
        if shared is not None:
            shared.close()


def _serve_here(settings: Settings) -> None:
    # No permessage-deflate: live frames are ~200 bytes, and a zlib context per socket would cost
    # ~40 kB each (benchmarks/results/push.md: 5,000 phones 473 MB with it, 284 MB without).
    # No proxy headers: uvicorn would believe X-Forwarded-For from 127.0.0.1; web/clients.py decides instead,
    # from FORUM_TRUSTED_PROXIES.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, ws="websockets-sansio",
                log_level="warning", log_config=None, ws_per_message_deflate=False, proxy_headers=False)
