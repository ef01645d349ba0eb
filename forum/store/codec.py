"""The stored entity types: each domain class's kind name (part of its Redis keys) and JSON codec (never pickle)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any, Generic, TypeVar

from forum.domain import (
    Attendee,
    Event,
    Location,
    Meeting,
    MeetingStatus,
    PitchPlacement,
    PitchSession,
    Project,
    RunStatus,
    Slot,
    SolverRun,
    Wish,
    WishStatus,
)
from forum.domain import instance_json as fmt

# Every class the store keeps; a store, a Change or a codec for anything else is a type error.
Entity = Event | Slot | Location | Attendee | Wish | PitchSession | Project | Meeting | SolverRun | PitchPlacement
E = TypeVar("E", bound=Entity)
T = TypeVar("T")


@dataclass(frozen=True)
class Codec(Generic[T]):
    """How one domain class is stored: `kind` names it in keys, the functions convert it to and from JSON."""

    cls: type[T]
    kind: str
    to_json: Callable[[T], dict[str, Any]]
    from_json: Callable[[dict[str, Any]], T]

    def encode(self, value: T) -> str:
        return json.dumps(self.to_json(value), separators=(",", ":"), ensure_ascii=False)

    def decode(self, raw: str | bytes) -> T:
        return self.from_json(json.loads(raw))


def _wish_out(w: Wish) -> dict[str, Any]:
    return {**fmt.wish_to_json(w), "status": w.status.value}


def _wish_in(d: dict[str, Any]) -> Wish:
    return replace(fmt.wish_from_json(d, "wish"), status=WishStatus(d.get("status", "pending")))


def _meeting_in(d: dict[str, Any]) -> Meeting:
    return Meeting(d["id"], d["wish"], d["slot"], d["location"], MeetingStatus(d["status"]), bool(d["locked"]))


def _meeting_out(m: Meeting) -> dict[str, Any]:
    return {**asdict(m), "status": m.status.value}


def _run_in(d: dict[str, Any]) -> SolverRun:
    return SolverRun(**{**d, "status": RunStatus(d["status"])})


def _run_out(r: SolverRun) -> dict[str, Any]:
    return {**asdict(r), "status": r.status.value}


def _event_in(d: dict[str, Any]) -> Event:
    return Event(**d)


def _pitch_in(d: dict[str, Any]) -> PitchPlacement:
    return PitchPlacement(**d)


# The kind names are in every stored key (`forum:<event>:<kind>:<id>`): renaming one orphans stored data.
_CODECS: dict[type[Any], Codec[Any]] = {c.cls: c for c in (
    Codec(Event, "event", asdict, _event_in),
    Codec(Slot, "slot", fmt.slot_to_json, lambda d: fmt.slot_from_json(d, "slot")),
    Codec(Location, "location", fmt.location_to_json, lambda d: fmt.location_from_json(d, "location")),
    Codec(Attendee, "attendee", fmt.attendee_to_json, lambda d: fmt.attendee_from_json(d, "attendee")),
    Codec(Wish, "wish", _wish_out, _wish_in),
    Codec(PitchSession, "pitch_session", fmt.session_to_json, lambda d: fmt.session_from_json(d, "pitch_session")),
    Codec(Project, "project", fmt.project_to_json, lambda d: fmt.project_from_json(d, "project")),
    Codec(Meeting, "meeting", _meeting_out, _meeting_in),
    Codec(SolverRun, "run", _run_out, _run_in),
    Codec(PitchPlacement, "pitch", asdict, _pitch_in),
)}


def codec_of(cls: type[E]) -> Codec[E]:
    """The codec of a stored class; TypeError for a class the store does not keep."""
    if isinstance(cls, str):  # the old call style, from code mypy does not see: say what to write instead
        raise TypeError(f"stores are asked for by domain class, e.g. entities(event, Slot), not by kind {cls!r}")
    found: Codec[E] | None = _CODECS.get(cls)
    if found is None:
        known = ", ".join(sorted(c.__name__ for c in _CODECS))
        raise TypeError(f"{getattr(cls, '__name__', cls)!s} is not a stored entity type; the store keeps {known}")
    return found


def stored_types() -> tuple[type[Entity], ...]:
    return tuple(_CODECS)
