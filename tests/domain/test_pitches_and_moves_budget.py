"""Published and fixed pitches in the instance format, and the moves budget's two spellings."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from forum.domain import PitchPlacement
from forum.domain.instance_json import dump_instance, parse_instance
from forum.domain.moves import moves_allowed, moves_budget
from forum.errors import FormatError, InvalidInput
from tests.factories import tiny_instance


def test_instance_with_fixed_and_previous_pitches_round_trips() -> None:
    inst = replace(tiny_instance(), fixed_pitches=(PitchPlacement("pr1", "p1"),),
                   previous_pitches=(PitchPlacement("pr1", "p1"),))
    doc = json.loads(json.dumps(dump_instance(inst)))
    assert doc["previous_pitches"] == [{"project": "pr1", "slot": "p1"}]
    assert parse_instance(doc) == inst


def test_instance_without_pitches_published_writes_no_pitch_lists() -> None:
    doc = dump_instance(tiny_instance())
    assert "previous_pitches" not in doc and "fixed_pitches" not in doc


@pytest.mark.parametrize(("entry", "field"), [({"project": "ghost", "slot": "p1"}, "previous_pitches[0].project"),
                                              ({"project": "pr1", "slot": "nope"}, "previous_pitches[0].slot"),
                                              ({"project": "pr1"}, "previous_pitches[0].slot")])
def test_previous_pitch_with_unknown_or_missing_ids_names_the_field(entry: dict, field: str) -> None:
    doc = dump_instance(tiny_instance())
    doc["previous_pitches"] = [entry]
    with pytest.raises(FormatError) as found:
        parse_instance(doc)
    assert found.value.field == field


@pytest.mark.parametrize(("spec", "stored"), [(12, "12"), ("12", "12"), (" 7 ", "7"), ("2%", "2%"),
                                              ("2.50 %", "2.5%"), ("100%", "100%"), (0, "0")])
def test_moves_budget_accepts_a_count_or_a_share(spec: object, stored: str) -> None:
    assert moves_budget(spec) == stored


@pytest.mark.parametrize("spec", [-1, True, 2.5, "", "lots", "101%", "-2%", "2%%", None, 10**7])
def test_moves_budget_refuses_anything_else(spec: object) -> None:
    with pytest.raises(InvalidInput, match="max_moved must be a whole number"):
        moves_budget(spec)


@pytest.mark.parametrize(("spec", "published", "allowed"), [("12", 5, 12), ("2%", 1000, 20), ("2%", 40, 1),
                                                            ("2%", 0, 0), ("0%", 500, 0), ("100%", 7, 7)])
def test_moves_allowed_rounds_a_share_up(spec: str, published: int, allowed: int) -> None:
    assert moves_allowed(spec, published) == allowed
