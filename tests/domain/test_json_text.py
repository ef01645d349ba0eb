"""Reading JSON text with limits: too deep or too large is refused with a sentence, never a RecursionError."""

from __future__ import annotations

import pytest

from forum.domain.json_text import MAX_DEPTH, depth, load_json
from forum.errors import InvalidInput, TooLarge


@pytest.mark.parametrize(("text", "expected"), [
    ("{}", 1), ('[[1], {"a": [2]}]', 3), (r'["[[[[", "\"[{", "\\"]', 1), ("3", 0), ("", 0),
])
def test_depth_counts_brackets_outside_strings(text: str, expected: int) -> None:
    assert depth(text) == expected


def test_load_json_at_the_depth_limit_parses() -> None:
    assert load_json("[" * MAX_DEPTH + "]" * MAX_DEPTH, "the file", 10_000) is not None


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 2000 + "1" + "}" * 2000,
                                  "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "[" * 100_000])
def test_load_json_too_deep_refused_with_a_sentence(text: str) -> None:
    with pytest.raises(InvalidInput, match=f"the file nests lists and objects more than {MAX_DEPTH} deep"):
        load_json(text, "the file", 10**7)


def test_load_json_too_large_or_broken_refused_with_a_sentence() -> None:
    with pytest.raises(TooLarge, match="the body is too large: at most 64 KB"):
        load_json(b"1" * 70_000, "the body", 64 * 1024)
    with pytest.raises(InvalidInput, match=r"the file is not valid JSON \(line 2, column 1"):
        load_json('{"a": 1,\n}', "the file", 100)
    with pytest.raises(InvalidInput, match="must be UTF-8"):
        load_json(b"\xff\xfe", "the file", 100)
