"""JSON encodings of each stored entity (never pickle); instance entries reuse the instance format."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from forum.domain import Meeting, MeetingStatus, PitchPlacement, RunStatus, SolverRun, WishStatus
from forum.domain import instance_json as fmt
from forum.domain.event import Event
from forum.domain.wish import Wish


def _wish_out(w: Wish) -> dict[str, Any]:
    return {**fmt.wish_to_json(w), "status": w.status.value}


def _wish_in(d: dict[str, Any]) -> Wish:
    from dataclasses import replace

    return replace(fmt.wish_from_json(d, "wish"), status=WishStatus(d.get("status", "pending")))


def _meeting_in(d: dict[str, Any]) -> Meeting:
    return Meeting(d["id"], d["wish"], d["slot"], d["location"], MeetingStatus(d["status"]), bool(d["locked"]))


def _meeting_out(m: Meeting) -> dict[str, Any]:
    return {**asdict(m), "status": m.status.value}


def _run_in(d: dict[str, Any]) -> SolverRun:
    return SolverRun(**{**d, "status": RunStatus(d["status"])})


def _run_out(r: SolverRun) -> dict[str, Any]:
    return {**asdict(r), "status": r.status.value}


Encoder = Callable[[Any], dict[str, Any]]
Decoder = Callable[[dict[str, Any]], Any]

CODECS: dict[str, tuple[Encoder, Decoder]] = {
    "event": (asdict, lambda d: Event(**d)),
    "slot": (fmt.slot_to_json, lambda d: fmt.slot_from_json(d, "slot")),
    "location": (fmt.location_to_json, lambda d: fmt.location_from_json(d, "location")),
    "attendee": (fmt.attendee_to_json, lambda d: fmt.attendee_from_json(d, "attendee")),
    "wish": (_wish_out, _wish_in),
    "pitch_session": (fmt.session_to_json, lambda d: fmt.session_from_json(d, "pitch_session")),
    "project": (fmt.project_to_json, lambda d: fmt.project_from_json(d, "project")),
    "meeting": (_meeting_out, _meeting_in),
    "run": (_run_out, _run_in),
    "pitch": (asdict, lambda d: PitchPlacement(**d)),
}


def encode(entity: str, value: Any) -> str:
    return json.dumps(CODECS[entity][0](value), separators=(",", ":"), ensure_ascii=False)


def decode(entity: str, raw: str | bytes) -> Any:
    return CODECS[entity][1](json.loads(raw))
