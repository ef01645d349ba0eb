"""Benchmark: greedy first-come vs `forum solve` at sizes S, M, L, XL, a re-solve and the all-required case.

Run: python -m benchmarks.solver [--sizes S M L XL] [--quick]. Each run is a child process, so peak memory
is its own; the table goes to stdout and benchmarks/results/solver.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.generate import all_required, generate

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
HEADER = ("| case | scheduler | value | bound | value/bound | met | unserved | gaps | moved | seconds "
          "| peak MB | valid |\n|---|---|---|---|---|---|---|---|---|---|---|---|")
LIMITS = {"S": 10, "M": 30, "L": 60, "XL": 300, "L re-solve": 60, "all-required": 30}


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(kind: str, instance: str, out: str, limit: float) -> None:
    """Runs in a fresh process: one greedy or one `forum solve`, then prints its figures as JSON."""
    from forum.checker import quality, validate
    from forum.domain.instance_json import parse_instance
    from forum.domain.schedule_json import dump_schedule, parse_schedule

    started = time.monotonic()
    if kind == "greedy":
        from benchmarks.greedy import greedy

        with open(instance) as fh:
            inst = parse_instance(json.load(fh))
        sched = greedy(inst)
        with open(out, "w") as fh:
            json.dump(dump_schedule(sched), fh)
        bound = None
    else:
        from forum.cli.solving import main

        code = main(["solve", instance, "--time-limit", str(limit), "--out", out, "--quiet"])
        if code != 0:
            print(json.dumps({"error": f"forum solve exited {code}"}))
            return
    seconds = time.monotonic() - started
    peak = peak_mb()
    with open(instance) as fh:
        inst = parse_instance(json.load(fh))
    with open(out) as fh:
        sched = parse_schedule(json.load(fh))
    bound = sched.stats.get("bound")
    figures = quality(inst, sched)
    fixed_kept = all(f in set(sched.meetings) for f in inst.fixed)
    print(json.dumps({**figures, "bound": bound, "seconds": round(seconds, 1), "peak_mb": round(peak),
                      "valid": not validate(inst, sched), "fixed_kept": fixed_kept,
                      "previous": len(inst.previous)}))


def run_child(kind: str, instance: str, limit: float) -> dict[str, Any]:
    out = instance.replace(".json", f".{kind}.schedule.json")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.solver", "--child", kind, instance, out, str(limit)],
                          cwd=ROOT, capture_output=True, text=True, timeout=limit * 3 + 300)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": (proc.stderr or "no output")[-300:]}
    result = json.loads(lines[-1])
    result["schedule_path"] = out
    return result


def resolve_instance(base_doc: dict[str, Any], schedule_path: str, seed: int = 7) -> dict[str, Any]:
    """30% of published meetings accepted and fixed, 5% more wishes, the published schedule as previous."""
    rng = random.Random(seed)
    meetings = json.loads(Path(schedule_path).read_text())["meetings"]
    doc = dict(base_doc)
    doc["previous"] = meetings
    doc["fixed"] = rng.sample(meetings, int(0.3 * len(meetings)))
    buyers = [a["id"] for a in doc["attendees"] if a["role"] == "buyer"]
    sellers = [a["id"] for a in doc["attendees"] if a["role"] != "buyer"]
    seen = {(w["from"], w["to"]) for w in doc["wishes"]}
    extra: list[dict[str, Any]] = []
    while len(extra) < len(doc["wishes"]) // 20:
        pair = (rng.choice(sellers), rng.choice(buyers))
        if pair not in seen:
            seen.add(pair)
            extra.append({"id": f"new{len(extra)}", "from": pair[0], "to": pair[1], "weight": rng.choice([1, 3])})
    doc["wishes"] = doc["wishes"] + extra
    return doc


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def row(name: str, kind: str, r: dict[str, Any]) -> str:
    if "error" in r:
        return f"| {name} | {kind} | error: {r['error'][:80]} |" + " |" * 8
    bound = r.get("bound")
    pct = f"{100 * r['value'] / bound:.2f}%" if bound else "–"
    moved = f"{r['moved']} ({100 * r['moved'] / r['previous']:.1f}%)" if r.get("previous") else "–"
    return (f"| {name} | {kind} | {r['value']} | {bound if bound is not None else '–'} | {pct} | {r['met']} | "
            f"{r['unserved']} | {r['gaps']} | {moved} | {r['seconds']} | {r['peak_mb']} | "
            f"{'yes' if r['valid'] else 'NO'}{'' if r['fixed_kept'] else ', fixed moved'} |")


def targets(res: dict[tuple[str, str], dict[str, Any]]) -> list[str]:
    """The issue's targets, checked against this run's figures."""
    out = []

    def get(case: str, kind: str) -> dict[str, Any] | None:
        r = res.get((case, kind))
        return r if r and "error" not in r else None

    L, gL = get("L", "solve"), get("L", "greedy")
    if L and gL:
        out.append(f"- L within 60 s and 3 GB: {L['seconds']} s, {L['peak_mb']} MB — "
                   f"{'met' if L['seconds'] <= 60 and L['peak_mb'] <= 3072 else 'MISSED'}")
        ratio = 100 * L["value"] / L["bound"]
        out.append(f"- L value ≥ 99.5% of the proven bound: {ratio:.2f}% — {'met' if ratio >= 99.5 else 'MISSED'}")
        half = 2 * L["gaps"] <= gL["gaps"]
        out.append(f"- L gaps at most half of greedy's: {L['gaps']} vs {gL['gaps']} "
                   f"({100 * L['gaps'] / max(1, gL['gaps']):.0f}%) — {'met' if half else 'MISSED'}")
        out.append(f"- L unserved 0 (greedy leaves {gL['unserved']}): {L['unserved']} — "
                   f"{'met' if L['unserved'] == 0 else 'MISSED'}")
    XL = get("XL", "solve")
    if XL:
        ok = XL["valid"] and XL["seconds"] <= 300
        out.append(f"- XL valid within 300 s: {XL['seconds']} s, {XL['peak_mb']} MB, valid {XL['valid']} — "
                   f"{'met' if ok else 'MISSED'}")
    R = get("L re-solve", "solve")
    if R:
        share = 100 * R["moved"] / max(1, R["previous"])
        ok = share <= 2 and R["fixed_kept"]
        out.append(f"- re-solve moves ≤ 2% of previous, never a fixed one: {share:.1f}%, fixed kept "
                   f"{R['fixed_kept']} — {'met' if ok else 'MISSED'}")
    A = get("all-required", "solve")
    if A:
        out.append(f"- all-required: every meeting scheduled ({A['met']} met, valid {A['valid']}), gaps {A['gaps']}"
                   f" — {'met' if A['valid'] else 'MISSED'}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", nargs="*", default=["S", "M", "L", "XL"])
    ap.add_argument("--no-extra", action="store_true", help="skip the re-solve and all-required cases")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], args.child[2], float(args.child[3]))
        return 0
    write_table(*run_cases(args.sizes, not args.no_extra))
    return 0


def run_cases(sizes: list[str], extra: bool) -> tuple[list[str], dict[tuple[str, str], dict[str, Any]]]:
    """Greedy then `forum solve` on every case; the L schedule seeds the re-solve case."""
    work = Path(tempfile.mkdtemp(prefix="forum-bench-"))
    cases: list[tuple[str, dict[str, Any]]] = [(s, generate(s)) for s in sizes]
    if extra:
        cases.append(("all-required", all_required()))
    lines: list[str] = []
    res: dict[tuple[str, str], dict[str, Any]] = {}
    print(HEADER, flush=True)
    for name, doc in cases:
        path = str(work / f"{name}.json")
        Path(path).write_text(json.dumps(doc))
        for kind in ("greedy", "solve"):
            r = res[(name, kind)] = run_child(kind, path, LIMITS[name])
            lines.append(row(name, kind, r))
            print(lines[-1], flush=True)
            if name == "L" and kind == "solve" and "error" not in r and extra:
                re_path = str(work / "L re-solve.json")
                Path(re_path).write_text(json.dumps(resolve_instance(doc, r["schedule_path"])))
                for k in ("greedy", "solve"):
                    res[("L re-solve", k)] = run_child(k, re_path, LIMITS["L re-solve"])
                    lines.append(row("L re-solve", k, res[("L re-solve", k)]))
                    print(lines[-1], flush=True)
    return lines, res


def write_table(lines: list[str], res: dict[tuple[str, str], dict[str, Any]]) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}"
    text = (f"# Solver benchmark\n\n{stamp} on {machine}. Time limits (s): "
            + ", ".join(f"{k} {v}" for k, v in LIMITS.items())
            + ". `seconds` and `peak MB` are wall time and peak RSS of the whole process (loading and "
            "writing included); the figures are the validator's (`forum check`). Other jobs shared the "
            "machine, so timings are pessimistic.\n\n" + HEADER + "\n" + "\n".join(lines) + "\n\n"
            "## Targets\n\n" + "\n".join(targets(res)) + "\n")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "solver.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
