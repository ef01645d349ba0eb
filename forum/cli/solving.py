"""`forum solve` and `forum check`: the scheduler and the validator on instance and schedule files."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from forum.checker import quality, validate
from forum.domain import Instance
from forum.domain.instance_json import parse_instance
from forum.domain.moves import moves_allowed
from forum.domain.schedule_json import dump_schedule, parse_schedule
from forum.errors import FormatError, InvalidInput

if TYPE_CHECKING:
    from forum.solver import Progress

MAX_MOVED_HELP = ("moves budget: at most this many `previous` meetings and pitches moved, a count (12) or a "
                  "share (2%%, rounded up); default: no limit")


class BadInput(Exception):
    """A file that cannot be read as the expected document; exit code 2."""


def _load(path: str, what: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise BadInput(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"{what} {path} is not valid JSON: {exc}") from None


def _parse(parser: Any, doc: Any, path: str, what: str) -> Any:
    try:
        return parser(doc)
    except FormatError as exc:
        raise BadInput(f"{what} {path}: field {exc.field}: {exc.message.split(': ', 1)[-1]}") from None
    except InvalidInput as exc:
        raise BadInput(f"{what} {path}: {exc.message}") from None


def _budget(args: argparse.Namespace, inst: Instance) -> int | None:
    """--max-moved as a count of the instance's published meetings and pitches; None when not given."""
    if args.max_moved is None:
        return None
    try:
        return moves_allowed(args.max_moved, len(inst.previous) + len(inst.previous_pitches))
    except InvalidInput as exc:
        raise BadInput(exc.message) from None


def check_command(args: argparse.Namespace) -> int:
    try:
        inst = _parse(parse_instance, _load(args.instance, "instance"), args.instance, "instance")
        sched = _parse(parse_schedule, _load(args.schedule, "schedule"), args.schedule, "schedule")
        budget = _budget(args, inst)
    except BadInput as exc:
        print(f"forum check: {exc}", file=sys.stderr)
        return 2
    violations = validate(inst, sched, max_moved=budget)
    if violations:
        print(f"invalid schedule: {len(violations)} broken rule(s)")
        for v in violations:
            print(f"  {v}")
        return 1
    print(json.dumps(quality(inst, sched)))
    return 0


def _show(p: Progress) -> None:
    bound = "?" if p.bound is None else p.bound
    print(f"[{p.elapsed:7.1f}s] {p.phase:<10} value {p.value} / bound {bound}  met {p.met}  gaps {p.gaps}",
          file=sys.stderr, flush=True)


def _process_age() -> float:
    """Seconds since this process started: imports count against the deadline too."""
    try:
        import psutil

        return max(0.0, time.time() - psutil.Process().create_time())
    except Exception:  # psutil missing or /proc unreadable: count from the command's start only
        return 0.0


def solve_command(args: argparse.Namespace) -> int:
    # Here, not at the top: every `forum` command builds this parser, and `forum serve`'s web process must
    # not carry OR-Tools (README, "Layers"); the import still counts against the deadline (process age).
    from forum.solver import SolveParams, solve

    started = time.monotonic() - _process_age()
    try:
        loading = time.monotonic()
        inst = _parse(parse_instance, _load(args.instance, "instance"), args.instance, "instance")
        budget = _budget(args, inst)
        loading = time.monotonic() - loading
    except BadInput as exc:
        print(f"forum solve: {exc}", file=sys.stderr)
        return 2
    # The limit is a deadline for the whole command: loading already used some of it, and writing the
    # schedule takes about as long as reading the instance did.
    left = args.time_limit - (time.monotonic() - started) - (0.2 + loading)
    params = SolveParams(time_limit=max(0.5, left), workers=args.workers, seed=args.seed, max_moved=budget)
    result = solve(inst, params, on_progress=None if args.quiet else _show)
    if result.status == "infeasible":
        print("forum solve: the instance is infeasible:", file=sys.stderr)
        for c in result.conflicts:
            print(f"  {c}", file=sys.stderr)
        return 1
    doc = dump_schedule(result.schedule)
    doc["stats"]["seconds"] = round(time.monotonic() - started, 2)
    try:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1 if len(result.schedule.meetings) < 5000 else None)
    except OSError as exc:
        print(f"forum solve: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if result.violations:
        print("forum solve: the schedule breaks hard rules (a solver bug):", file=sys.stderr)
        for v in result.violations:
            print(f"  {v}", file=sys.stderr)
        return 3
    print(json.dumps({"status": result.status, **doc["stats"]}), file=sys.stderr)
    return 0


def add_commands(subparsers: Any) -> None:
    """Register `solve` and `check` on an argparse subparsers object."""
    p = subparsers.add_parser("solve", help="schedule the meetings and pitches of an instance file")
    p.add_argument("instance", help="forum-instance/1 JSON file")
    p.add_argument("--time-limit", type=float, default=30.0, help="deadline in seconds, loading and writing "
                   "included (default 30)")
    p.add_argument("--out", required=True, help="where to write the forum-schedule/1 JSON")
    p.add_argument("--workers", type=int, default=2, help="CP-SAT worker threads (default 2)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.add_argument("--max-moved", help=MAX_MOVED_HELP)
    p.set_defaults(func=solve_command)
    c = subparsers.add_parser("check", help="validate a schedule against an instance, print its quality")
    c.add_argument("instance", help="forum-instance/1 JSON file")
    c.add_argument("schedule", help="forum-schedule/1 JSON file")
    c.add_argument("--max-moved", help=MAX_MOVED_HELP)
    c.set_defaults(func=check_command)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry for the two commands (the `forum` console script registers them too)."""
    parser = argparse.ArgumentParser(prog="forum")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
