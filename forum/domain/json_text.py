"""JSON text read with limits on size and nesting, so a hostile document is refused with a sentence, not a crash."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from forum.errors import InvalidInput, TooLarge

# Our formats nest five deep (document → attendees → attendee → available → window); Python's own parser
# dies with a RecursionError (a 500) near a thousand.
MAX_DEPTH = 32
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # a JSON string, escapes included: brackets in it do not nest
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def depth(text: str) -> int:
    """How deep the brackets of `text` nest, strings left out; counted without recursion, at C speed mostly."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(_STEP[b] for b in brackets), default=0)


def _size(count: int) -> str:
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count // 1024} KB"


def load_json(text: str | bytes, what: str, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed document; InvalidInput (TooLarge for size) saying what is wrong with `what`."""
    if len(text) > max_bytes:
        raise TooLarge(f"{what} is too large: at most {_size(max_bytes)}")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(f"{what} must be UTF-8 text") from None
    if depth(text) > max_depth:
        raise InvalidInput(f"{what} nests lists and objects more than {max_depth} deep; "
                           "a forum document needs far fewer")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{what} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:  # unreachable after the depth check; kept so that no document can give a 500
        raise InvalidInput(f"{what} nests lists and objects too deeply") from None
