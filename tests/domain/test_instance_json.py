"""The instance format reader: good documents round-trip, bad ones name the field."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from forum.domain.instance_json import dump_instance, parse_instance
from forum.errors import FormatError
from tests.factories import tiny_instance

SAMPLE = Path(__file__).parents[2] / "forum" / "data" / "inspiration-tour-2026.json"


def test_parse_instance_sample_round_trips() -> None:
    inst = parse_instance(json.loads(SAMPLE.read_text()))
    assert len(inst.attendees) == 20 and len(inst.wishes) == 34
    assert parse_instance(dump_instance(inst)) == inst


def test_parse_instance_tiny_round_trips() -> None:
    inst = tiny_instance()
    assert parse_instance(json.loads(json.dumps(dump_instance(inst)))) == inst


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(format="other/1"), "format"),
        (lambda d: d.pop("slots"), "slots"),
        (lambda d: d["slots"][0].update(start="tomorrow"), "slots[0].start"),
        (lambda d: d["slots"][0].update(end=d["slots"][0]["start"]), "slots[0]"),
        (lambda d: d["wishes"][0].update(to="ghost"), "wishes[0].to"),
        (lambda d: d["wishes"][0].update(weight=0), "wishes[0].weight"),
        (lambda d: d["wishes"][0].update(weight="3"), "wishes[0].weight"),
        (lambda d: d["attendees"][0].update(max_per_day=-1), "attendees[0].max_per_day"),
        (lambda d: d["attendees"].append(dict(d["attendees"][0])), "attendees[3].id"),
        (lambda d: d["fixed"].append({"wish": "w1", "slot": "nope", "location": "T1"}), "fixed[1].slot"),
        (lambda d: d["projects"][0].update(sessions=["nope"]), "projects[0].sessions"),
        (lambda d: d["event"].update(timezone="Europe/Pari"), "event.timezone"),
        (lambda d: d["event"].update(timezone=""), "event.timezone"),
        (lambda d: d["event"].update(timezone="../../../etc/passwd"), "event.timezone"),
        (lambda d: d["event"].update(max_open_requests=0), "event.max_open_requests"),
        (lambda d: d["event"].update(max_open_requests=10_001), "event.max_open_requests"),
    ],
)
def test_parse_instance_bad_field_named(mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    doc = dump_instance(tiny_instance())
    mutate(doc)
    with pytest.raises(FormatError) as caught:
        parse_instance(doc)
    assert caught.value.field == field


def test_parse_instance_unknown_time_zone_message_names_field_and_value() -> None:
    doc = dump_instance(tiny_instance())
    doc["event"]["timezone"] = "Europe/Pari"
    with pytest.raises(FormatError, match="^event.timezone: 'Europe/Pari' is not a known time zone; write one like"):
        parse_instance(doc)


def test_parse_instance_open_request_limit_round_trips_and_defaults() -> None:
    inst = tiny_instance()
    assert "max_open_requests" not in dump_instance(inst)["event"] and inst.event.max_open_requests == 300
    limited = replace(inst, event=replace(inst.event, timezone="America/New_York", max_open_requests=25))
    assert parse_instance(json.loads(json.dumps(dump_instance(limited)))) == limited
