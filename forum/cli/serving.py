"""Process commands: `forum serve` (embedded Valkey + worker + web) and `forum worker`."""

from __future__ import annotations

import argparse
from typing import Any

from forum.cli.files import day_argument
from forum.config import load_settings


def cmd_serve(args: argparse.Namespace) -> int:
    from forum.launcher.serve import serve

    settings = load_settings().with_overrides(host=args.host, port=args.port)
    return serve(settings, demo=args.demo, workers=args.workers, web=args.web_processes, demo_day=args.demo_date)


def cmd_worker(args: argparse.Namespace) -> int:
    from workers.main import run_worker

    return run_worker(load_settings(), burst=args.burst)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value <= 64:
        raise argparse.ArgumentTypeError("expected a number from 0 to 64")
    return value


def add_commands(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the web app (and, without FORUM_REDIS_URL, Valkey and a worker)")
    p.add_argument("--demo", action="store_true", help="load the demo events when the store is empty")
    p.add_argument("--demo-date", type=day_argument, metavar="YYYY-MM-DD",
                   help="with --demo: the demo events' first day when they are loaded (default today)")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1, FORUM_HOST)")
    p.add_argument("--port", type=int, help="port to listen on (default 8000, FORUM_PORT)")
    p.add_argument("--workers", type=_count, metavar="N",
                   help="solver workers to run and restart when they die (default 1 with the embedded Valkey, "
                        "0 with FORUM_REDIS_URL)")
    p.add_argument("--web-processes", type=_count, default=1, metavar="N",
                   help="uvicorn processes accepting on the one port (default 1)")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("worker", help="run one RQ worker for solver runs on FORUM_REDIS_URL")
    p.add_argument("--burst", action="store_true", help="exit when the queue is empty")
    p.set_defaults(func=cmd_worker)
