"""Pages of a long list (the directory, a buyer's requests, the console's attendees, the outbox), from 1."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def page_count(total: int, size: int) -> int:
    """How many pages `total` items fill; an empty list still has its one (empty) page."""
    return max(1, -(-total // size))


def page_of(items: list[T], page: int, size: int) -> list[T]:
    """The items of page `page` (from 1)."""
    return items[(page - 1) * size : page * size]
