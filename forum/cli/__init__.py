"""The `forum` command line: serve, worker, demo, imports and exports, solve and check."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from forum.cli import backup, data, serving
from forum.errors import ForumError
from forum.store.connection import StoreFull


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="forum", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serving.add_commands(sub)
    data.add_commands(sub)
    backup.add_commands(sub)
    try:
        from forum.cli import solving  # type: ignore[attr-defined,unused-ignore]
    except ImportError:  # the solver commands arrive with the solver package
        pass
    else:
        solving.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ForumError as exc:
        print(f"forum {args.command}: {exc.message}", file=sys.stderr)
        return 2
    except StoreFull:
        print(f"forum {args.command}: the store is full (its maxmemory is reached) and refused the change; "
              "nothing was written", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
