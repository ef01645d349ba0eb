"""Telling people what changed: entries on attendee and organizer streams (the websockets carry them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forum.domain import SolverRun
from forum.store.codec import codec_of
from forum.store.connection import Client
from forum.store.streams import Note, Streams, attendee_stream, organizer_stream


def run_json(run: SolverRun) -> dict[str, Any]:
    return codec_of(SolverRun).to_json(run)


def to_attendees(client: Client, event: str, messages: Mapping[str, dict[str, Any]]) -> list[str]:
    """One message per attendee id; returns the stream entry ids in the same order."""
    notes = [Note(attendee_stream(event, who), data) for who, data in messages.items()]
    return Streams(client).send(notes)


def to_organizers(client: Client, event: str, data: dict[str, Any]) -> str:
    return Streams(client).send([Note(organizer_stream(event), data)])[0]


def run_changed(client: Client, run: SolverRun) -> None:
    """`run.<status>` on the organizer stream, with the run's figures and timings."""
    to_organizers(client, run.event, {"type": f"run.{run.status.value}", "run": run_json(run)})


def tell(client: Client, event: str, people: set[str] | list[str] | tuple[str, ...],
         message: dict[str, Any]) -> None:
    """Push `message` to each person's live stream: the one place attendee pages are told of changes."""
    to_attendees(client, event, {who: message for who in sorted(set(people))})
