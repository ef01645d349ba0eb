"""Exports of the published schedule: CSV, JSON documents and per-table sheets."""

from __future__ import annotations

import csv
import io
import json

from forum.domain.instance_json import parse_instance
from forum.domain.schedule_json import parse_schedule
from forum.services.exports import tables as exports
from forum.store import EventStore
from tests.factories import tiny_instance


def test_schedule_csv_has_one_row_per_live_meeting(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    rows = list(csv.DictReader(io.StringIO(exports.schedule_csv(store.client, "tiny"))))
    assert [(r["meeting"], r["start"], r["table"], r["target_name"]) for r in rows] == [
        ("w1", "09:00", "T1", "Ada Buyer"), ("w2", "09:30", "T2", "Ada Buyer")]
    assert rows[1]["status"] == "accepted" and rows[0]["colleagues"] == "a3"
    assert (rows[0]["requester"], rows[0]["requester_name"], rows[0]["requester_company"]) == (
        "a2", "Paul Producer", "Films")
    assert (rows[0]["target_company"], rows[0]["colleague_names"]) == ("HBO", "Zoé Colleague")


def test_json_exports_parse_back(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    inst = parse_instance(json.loads(exports.instance_json(store.client, "tiny")))
    schedule = parse_schedule(json.loads(exports.schedule_json(store.client, "tiny")))
    assert inst.event.id == "tiny" and len(inst.wishes) == 2
    assert {m.wish for m in schedule.meetings} == {"w1", "w2"}


def test_table_sheets_list_every_table_with_names(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    sheets = {s.table: s for s in exports.table_sheets(store.client, "tiny")}
    assert set(sheets) == {"T1", "T2"}
    day, rows = sheets["T1"].rows[0]
    assert day == "2026-03-24" and rows[0].who == "Paul Producer, Ada Buyer, Zoé Colleague"
