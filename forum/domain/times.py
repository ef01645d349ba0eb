"""Local date-times of the event and the window arithmetic shared by solver and validator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from forum.errors import FormatError

TIME_FORMAT = "%Y-%m-%dT%H:%M"


def check_timezone(name: str, field: str) -> str:
    """`name` when the system's time zone database knows it, else a FormatError naming `field`."""
    try:
        if len(name) > 64:  # the longest IANA name has 32 characters; a long one only makes a long message
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # unknown, empty, a directory or a path-like name
        raise FormatError(field, f"{name[:64]!r} is not a known time zone; write one like Europe/Paris") from None
    return name


def parse_local(text: str) -> datetime:
    """Parse an ISO 8601 local date-time without offset (`2026-03-24T09:00`)."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is not None:
        raise ValueError("times are local to the event and carry no offset")
    return value


def format_local(value: datetime) -> str:
    if value.second or value.microsecond:
        return value.isoformat()
    return value.strftime(TIME_FORMAT)


@dataclass(frozen=True, order=True)
class Window:
    """A half-open span of local time [start, end)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")

    def overlaps(self, other: Window) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Window) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def day(self) -> date:
        return self.start.date()


def covered(span: Window, windows: tuple[Window, ...] | None) -> bool:
    """True when `span` lies wholly inside one of `windows`; None means no restriction."""
    if windows is None:
        return True
    return any(w.contains(span) for w in windows)
