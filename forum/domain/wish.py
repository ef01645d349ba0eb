"""Wishes (meeting requests) and where a meeting or pitch is placed."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain.roles import WishStatus
from forum.domain.times import Window


@dataclass(frozen=True)
class Wish:
    id: str
    requester: str  # `from` in the instance format
    target: str  # `to`
    weight: int = 1
    colleagues: tuple[str, ...] = ()  # `with`
    required: bool = False
    within: tuple[Window, ...] | None = None
    message: str = ""
    status: WishStatus = WishStatus.PENDING

    @property
    def participants(self) -> tuple[str, ...]:
        return (self.requester, self.target, *self.colleagues)


@dataclass(frozen=True)
class Placement:
    """A wish met at a slot and a table: an entry of `meetings`, `fixed` or `previous`."""

    wish: str
    slot: str
    location: str


@dataclass(frozen=True)
class PitchPlacement:
    project: str
    slot: str

    @property
    def id(self) -> str:
        return self.project  # a project is pitched once, so it names its pitch
