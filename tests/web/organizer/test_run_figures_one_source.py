"""A run's figures are the same on the runs list, the run page, the dashboard and the comparison."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from forum.domain import Placement, RunStatus, Schedule, SolverRun
from forum.store import EventStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore

Org = tuple[TestClient, str]
RECORDED = {"run-1": {"value": 4.0, "met": 2.0, "unserved": 0.0, "gaps": 3.0, "moved": 5.0},
            "run-2": {"value": 1.0, "met": 1.0, "unserved": 1.0, "gaps": 0.0, "moved": 0.0}}


def _runs(events: EventStore) -> None:
    drafts = {"run-1": Schedule((Placement("w1", "s0", "T1"), Placement("w2", "s1", "T2"))),
              "run-2": Schedule((Placement("w2", "s1", "T2"),))}
    for ident, figures in RECORDED.items():
        RunStore(events.client).records("tiny").put(SolverRun(ident, "tiny", RunStatus.FINISHED, figures=figures))
        ScheduleStore(events.client).save_draft("tiny", ident, drafts[ident])


def _list_figures(html: str, run: str) -> dict[str, int]:
    row = re.search(rf'<tr data-run="{run}">(.*?)</tr>', html, re.S)
    assert row is not None
    return {k: int(v) for k, v in re.findall(r'data-figure="(\w+)">(\d+)<', row[1])}


def _compare_figures(html: str) -> dict[str, tuple[int, int]]:
    rows = re.findall(r'<tr data-figure="(\w+)"><td>[^<]*</td>\s*<td class="num[^"]*">(\d+)</td>\s*'
                      r'<td class="num[^"]*">(\d+)</td>', html)
    return {name: (int(a), int(b)) for name, a, b in rows}


def _run_page_figures(html: str) -> dict[str, int]:
    return {k: int(v) for v, k in re.findall(r"<li><b>(\d+)</b><span>(\w+)</span></li>", html)}


def test_runs_list_run_page_and_compare_show_the_same_figures(organizer: Org, events: EventStore) -> None:
    client, _ = organizer
    _runs(events)
    listing = client.get("/e/tiny/organizer/runs").text
    compare = _compare_figures(client.get("/e/tiny/organizer/compare?left=run-1&right=run-2").text)
    for side, run in enumerate(("run-1", "run-2")):
        expected = {k: int(v) for k, v in RECORDED[run].items()}
        assert _list_figures(listing, run) == expected
        assert _run_page_figures(client.get(f"/e/tiny/organizer/runs/{run}").text) == expected
        assert {k: pair[side] for k, pair in compare.items()} == expected


def test_a_run_without_recorded_figures_shows_none_rather_than_a_recount(organizer: Org, events: EventStore) -> None:
    client, _ = organizer
    _runs(events)
    RunStore(events.client).records("tiny").put(SolverRun("run-2", "tiny", RunStatus.FINISHED))
    compare = client.get("/e/tiny/organizer/compare?left=run-1&right=run-2").text
    assert re.search(r'<tr data-figure="met"><td>[^<]*</td>\s*<td class="num[^"]*">2</td>\s*'
                     r'<td class="num[^"]*">—</td>', compare)
