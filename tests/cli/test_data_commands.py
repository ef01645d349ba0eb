"""The data commands as a person types them: clear messages, non-zero exits, nothing half-imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from forum.domain import Attendee, Wish
from forum.domain.instance_json import dump_instance
from forum.services.attendees.requests import received_requests
from forum.store import EventStore
from forum.store.audit import AuditLog
from tests.factories import tiny_instance
from tests.web.attendee.market import EVENT, load, market


def _forum(redis_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_REDIS_URL"] = redis_url
    return subprocess.run([sys.executable, "-m", "forum", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_import_then_export_instance_round_trips(redis_url: str, tmp_path: Path) -> None:
    source = tmp_path / "tiny.json"
    source.write_text(json.dumps(dump_instance(tiny_instance())))
    imported = _forum(redis_url, "import-instance", str(source))
    assert imported.returncode == 0, imported.stderr
    assert "imported tiny: 3 attendees, 2 wishes" in imported.stdout
    out = tmp_path / "back.json"
    assert _forum(redis_url, "export-instance", "tiny", "--out", str(out)).returncode == 0
    back = json.loads(out.read_text())
    assert sorted(w["id"] for w in back["wishes"]) == ["w1", "w2"]
    assert back["fixed"] == [{"wish": "w2", "slot": "s1", "location": "T2"}]


def test_import_instance_malformed_names_field_and_keeps_store(redis_url: str, store: EventStore,
                                                               tmp_path: Path) -> None:
    store.import_instance(tiny_instance())
    doc = dump_instance(tiny_instance())
    doc["wishes"][0]["to"] = "ghost"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    result = _forum(redis_url, "import-instance", str(bad))
    assert result.returncode == 2
    assert "wishes[0].to: unknown attendee 'ghost'" in result.stderr and "Traceback" not in result.stderr
    assert store.entities("tiny", Wish).get("w1").target == "a1"


def test_import_instance_not_json_or_missing_refused(redis_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = _forum(redis_url, "import-instance", str(broken))
    assert result.returncode == 2 and "not valid JSON (line 1" in result.stderr
    missing = _forum(redis_url, "import-instance", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_import_attendees_bad_row_exits_nonzero_and_imports_nothing(redis_url: str, store: EventStore,
                                                                    tmp_path: Path) -> None:
    store.import_instance(tiny_instance())
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("id,name,max_per_day\nn1,New Person,4\nn2,,x\n")
    result = _forum(redis_url, "import-attendees", "tiny", str(csv_file))
    assert result.returncode == 2
    assert "line 3: name is empty" in result.stderr and "Traceback" not in result.stderr
    assert store.entities("tiny", Attendee).find("n1") is None


def test_data_command_without_redis_url_explains(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    result = subprocess.run([sys.executable, "-m", "forum", "export-instance", "tiny"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "set FORUM_REDIS_URL" in result.stderr


def test_import_instance_deeply_nested_file_refused_with_a_sentence(redis_url: str, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"event": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = _forum(redis_url, "import-instance", str(deep))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{deep} nests lists and objects more than 32 deep" in result.stderr


def test_import_instance_unknown_time_zone_refused_naming_the_field(redis_url: str, store: EventStore,
                                                                    tmp_path: Path) -> None:
    doc = dump_instance(tiny_instance())
    doc["event"]["timezone"] = "Europe/Pari"
    bad = tmp_path / "zone.json"
    bad.write_text(json.dumps(doc))
    result = _forum(redis_url, "import-instance", str(bad))
    assert result.returncode == 2 and "event.timezone: 'Europe/Pari' is not a known time zone" in result.stderr
    assert store.ids() == []


def test_import_instance_takes_the_console_path_indexes_and_audit(redis_url: str, store: EventStore,
                                                                  tmp_path: Path) -> None:
    load(store)  # w-other: p3 → b1, with the by-person index built
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(dump_instance(replace(market(), wishes=(Wish("w-other", "p1", "b2"),)))))
    result = _forum(redis_url, "import-instance", str(moved))
    assert result.returncode == 0, result.stderr
    assert received_requests(store.client, EVENT, "b1") == []
    assert [r.wish.id for r in received_requests(store.client, EVENT, "b2")] == ["w-other"]
    entry = AuditLog(store.client).latest(EVENT, 1)[0]
    assert (entry["who"], entry["action"]) == ("command line", "import event")


def test_import_attendees_unknown_role_exits_nonzero_listing_roles(redis_url: str, store: EventStore,
                                                                   tmp_path: Path) -> None:
    store.import_instance(tiny_instance())
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("id,name,role\nn1,New Person,wizard\n")
    result = _forum(redis_url, "import-attendees", "tiny", str(csv_file))
    assert result.returncode == 2 and "line 2: role 'wizard' is not one of producer" in result.stderr
    assert store.entities("tiny", Attendee).find("n1") is None
