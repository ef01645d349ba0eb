"""The moves budget: how many published meetings and pitches a re-solve may move, as a count or a share."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from forum.errors import InvalidInput

DEFAULT_MOVES_BUDGET = "2%"
MAX_COUNT = 1_000_000
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_WORDS = ("max_moved must be a whole number of moves (12) or a share of the published meetings and pitches "
          "(2%), between 0 and 100%")


def moves_budget(spec: object) -> str:
    """The budget as stored on a run: "12" (moves) or "2%" (of the published meetings and pitches)."""
    if isinstance(spec, bool):
        raise InvalidInput(_WORDS)
    if isinstance(spec, int):
        if not 0 <= spec <= MAX_COUNT:
            raise InvalidInput(_WORDS)
        return str(spec)
    if not isinstance(spec, str):
        raise InvalidInput(_WORDS)
    text = spec.strip()
    if text.isdigit() and len(text) <= 7:
        return moves_budget(int(text))
    found = _SHARE.fullmatch(text)
    if found is None:
        raise InvalidInput(_WORDS)
    try:
        share = Decimal(found.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise InvalidInput(_WORDS) from None
    if share > 100:
        raise InvalidInput(_WORDS)
    return f"{share.normalize():f}%"


def moves_allowed(spec: str, published: int) -> int:
    """The budget as a count for a schedule of `published` meetings and pitches. A share rounds up, so that
    a small event may still move one meeting that can no longer stay where it was."""
    normal = moves_budget(spec)
    if not normal.endswith("%"):
        return int(normal)
    return math.ceil(Decimal(published) * Decimal(normal[:-1]) / 100)
