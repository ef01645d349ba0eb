"""The left-out page names people: attendee ids in the solver's reasons and the fixes become names."""

from __future__ import annotations

import re
from dataclasses import replace

from forum.domain import Wish
from forum.services.schedule.left_out import UnmetWish


def named(text: str, wish: Wish, names: dict[str, str]) -> str:
    """`text` with the wish's participants' ids replaced by their names (whole ids only: b1 is not in b12)."""
    ids = sorted({p for p in wish.participants if p in names}, key=len, reverse=True)
    if not ids or not text:
        return text
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w-])")
    return pattern.sub(lambda m: names[m.group(1)], text)


def named_rows(rows: list[UnmetWish], names: dict[str, str]) -> list[UnmetWish]:
    return [replace(r, reason=named(r.reason, r.wish, names), fix=named(r.fix, r.wish, names)) for r in rows]
