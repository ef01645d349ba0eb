"""`forum backup` and `forum restore` as a person types them: an event comes back whole, bad files change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from forum.domain import Meeting, MeetingStatus, PitchPlacement, Placement, RunStatus, Schedule, SolverRun, Wish
from forum.domain import WishStatus as WS
from forum.errors import NotFound
from forum.services.exports import feeds, tables
from forum.services.setup import event_import
from forum.services.signin import access, invitations
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.backup import dump_event
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.factories import tiny_instance

SECRET = "backup-test-secret-key-0123456789abcdef"
EVENT = "tiny"


def _forum(redis_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(FORUM_REDIS_URL=redis_url, FORUM_SECRET_KEY=SECRET)
    return subprocess.run([sys.executable, "-m", "forum", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def _full_event(store: EventStore) -> str:
    """Every kind of thing an event holds; returns a freshly issued access code of a1."""
    client = store.client
    event_import.import_instance(client, tiny_instance(EVENT), "test")  # with its audit entry
    extra = [Wish("w3", "a2", "a1", 1, message="Declined, sorry", status=WS.DECLINED),
             Wish("w4", "a3", "a1", 3, message="Never mind", status=WS.WITHDRAWN),
             Wish("w5", "a1", "a2", 1, status=WS.ACCEPTED)]
    store.entities(EVENT, Wish).put(*extra)
    store.entities(EVENT, Meeting).put(
        Meeting("w1", "w1", "s0", "T1", MeetingStatus.ACCEPTED, locked=True),
        Meeting("w2", "w2", "s1", "T2", MeetingStatus.ACCEPTED),
        Meeting("w3", "w3", "s2", "T1", MeetingStatus.DECLINED),
        Meeting("w5", "w5", "s3", "T2", MeetingStatus.CANCELLED))
    store.entities(EVENT, PitchPlacement).put(PitchPlacement("pr1", "p1"))
    runs = RunStore(client)
    runs.records(EVENT).put(SolverRun("run-1", EVENT, RunStatus.FINISHED, figures={"value": 4.0}))
    ScheduleStore(client).save_draft(EVENT, "run-1", Schedule((Placement("w1", "s0", "T1"),)))
    AuditLog(client).append(EVENT, {"at": 1.0, "who": "org", "action": "lock meeting", "meeting": "w1"})
    feeds.feed_key(client, EVENT, "a2")
    return invitations.new_code(client, SECRET, EVENT, "org", "a1").code


def _logical(store: EventStore) -> list[dict[str, Any]]:
    """Every carried record, with whether it expires rather than its remaining milliseconds."""
    return [{**r, "ttl_ms": r["ttl_ms"] is not None} for r in dump_event(store.client, EVENT)["records"]]


def _views(redis_url: str, store: EventStore) -> tuple[str, str, str]:
    instance = _forum(redis_url, "export-instance", EVENT)
    attendees = _forum(redis_url, "export-attendees", EVENT)
    assert instance.returncode == 0 and attendees.returncode == 0, instance.stderr + attendees.stderr
    return instance.stdout, attendees.stdout, tables.schedule_csv(store.client, EVENT)


def test_backup_wipe_restore_brings_back_every_record(redis_url: str, store: EventStore, tmp_path: Path) -> None:
    code = _full_event(store)
    before, views = _logical(store), _views(redis_url, store)
    kinds = {r["key"].split(":")[0] for r in before}
    assert {"wish", "meeting", "pitch", "run", "draft", "audit", "code_hash", "calendar_key"} <= kinds
    out = tmp_path / "tiny.backup.json"
    taken = _forum(redis_url, "backup", EVENT, "--out", str(out))
    assert taken.returncode == 0, taken.stderr
    assert json.loads(out.read_text())["format"] == "forum-backup/1"
    store.delete(EVENT)
    with pytest.raises(NotFound):
        store.get(EVENT)
    restored = _forum(redis_url, "restore", str(out))
    assert restored.returncode == 0, restored.stderr
    assert "restored tiny" in restored.stdout
    assert _logical(store) == before
    assert _views(redis_url, store) == views
    assert access.sign_in_with_code(store.client, SECRET, EVENT, code, "192.0.2.1")  # the hashed code works


def test_restore_corrupt_or_foreign_file_refused_and_nothing_written(redis_url: str, store: EventStore,
                                                                     tmp_path: Path) -> None:
    _full_event(store)
    good = tmp_path / "good.json"
    assert _forum(redis_url, "backup", EVENT, "--out", str(good)).returncode == 0
    before = _logical(store)
    doc = json.loads(good.read_text())
    wish = next(i for i, r in enumerate(doc["records"]) if r["key"] == "wish:w1")
    broken_record = {**doc, "records": [*doc["records"][:wish], {**doc["records"][wish], "value": "{"},
                                        *doc["records"][wish + 1:]]}
    cases = {
        "truncated.json": (good.read_text()[:200], "not valid JSON"),
        "instance.json": (json.dumps({"format": "forum-instance/1"}), "expected 'forum-backup/1'"),
        "future.json": (json.dumps({**doc, "format": "forum-backup/2"}), "not a forum backup of this version"),
        "record.json": (json.dumps(broken_record), f"records[{wish}].value: is not a valid wish record"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text)
        result = _forum(redis_url, "restore", str(tmp_path / name))
        assert result.returncode == 2, (name, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr, (name, result.stderr)
    assert _logical(store) == before


def test_restore_while_run_active_refused(redis_url: str, store: EventStore, tmp_path: Path) -> None:
    _full_event(store)
    out = tmp_path / "b.json"
    assert _forum(redis_url, "backup", EVENT, "--out", str(out)).returncode == 0
    RunStore(store.client).claim(SolverRun("run-2", EVENT))
    store.entities(EVENT, Wish).delete("w4")
    result = _forum(redis_url, "restore", str(out))
    assert result.returncode == 2 and "a solver run is active" in result.stderr
    assert store.entities(EVENT, Wish).find("w4") is None


def test_backup_unknown_event_or_unwritable_file_explains(redis_url: str, store: EventStore,
                                                          tmp_path: Path) -> None:
    missing = _forum(redis_url, "backup", "ghost", "--out", str(tmp_path / "g.json"))
    assert missing.returncode == 2 and "no event 'ghost'" in missing.stderr
    _full_event(store)
    nowhere = _forum(redis_url, "backup", EVENT, "--out", str(tmp_path / "no" / "dir.json"))
    assert nowhere.returncode == 2 and "cannot be written" in nowhere.stderr and "Traceback" not in nowhere.stderr
    assert list(tmp_path.iterdir()) == []
