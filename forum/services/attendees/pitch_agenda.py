"""Pitch sessions on an attendee's agenda: the pitches they present and the ones they hear on a panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from forum.domain import Location, PitchSession, Project, Slot
from forum.store import EventStore
from forum.store.connection import Client


@dataclass(frozen=True)
class PitchItem:
    project: Project
    slot: Slot
    room: Location
    session: PitchSession
    presenting: bool  # False: the attendee sits on the session's panel

    kind = "pitch"

    @property
    def id(self) -> str:
        return f"pitch-{self.project.id}"

    @property
    def start(self) -> datetime:
        return self.slot.window.start

    @property
    def end(self) -> datetime:
        return self.slot.window.end


def pitches_of(client: Client, event: str, attendee: str) -> list[PitchItem]:
    """Every published pitch the attendee presents or hears, in time order."""
    store = EventStore(client)
    placed = store.pitches(event)
    if not placed:
        return []
    sessions = store.entities(event, PitchSession).all()
    projects = {p.id: p for p in store.entities(event, Project).get_many(sorted({x.project for x in placed}))}
    slots = {s.id: s for s in store.entities(event, Slot).get_many(sorted({x.slot for x in placed}))}
    rooms = {r.id: r for r in store.entities(event, Location).get_many(sorted({s.location for s in sessions}))}
    items = []
    for placement in placed:
        project, slot = projects.get(placement.project), slots.get(placement.slot)
        session = next((s for s in sessions if placement.slot in s.slots), None)
        if project is None or slot is None or session is None:
            continue  # a re-import removed it; the next publish drops the pitch
        presenting = attendee in project.presenters
        if presenting or attendee in session.panel:
            room = rooms.get(session.location, Location(session.location))
            items.append(PitchItem(project, slot, room, session, presenting))
    return sorted(items, key=lambda i: (i.start, i.project.id))
