"""Importing a whole event (`forum-instance/1`): the one path of the console, the command line and the demo.

Sessions, runs and the audit log stay; every entity of the event and every index derived from them is
replaced in one MULTI/EXEC, so nobody sees half of two events or a request of the old one under a reused id.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from forum.domain import Attendee, Instance
from forum.domain.instance_json import check_references, parse_instance
from forum.domain.times import check_timezone
from forum.errors import Conflict
from forum.store import EventStore
from forum.store.changes import Change, apply
from forum.store.connection import Client
from forum.store.events import INSTANCE_ENTITIES, SCHEDULE_ENTITIES, instance_records
from forum.store.runs import RunStore

KINDS = (*INSTANCE_ENTITIES, *SCHEDULE_ENTITIES)


def import_instance(client: Client, inst: Instance, who: str) -> Instance:
    """Replace (or create) the event `inst` describes; returns what was stored (kept organizers included)."""
    event = inst.event.id
    check_timezone(inst.event.timezone, "event.timezone")  # documents are checked on parsing; built ones here
    if RunStore(client).active(event):
        raise Conflict("a solver run is active: cancel it or let it finish before importing")
    store = EventStore(client)
    present = {a.id for a in inst.attendees}
    # Organizers missing from the file are kept, so nobody locks themselves out by importing.
    keep = [a for a in store.entities(event, Attendee).all() if a.role == "organizer" and a.id not in present]
    inst = replace(inst, attendees=(*inst.attendees, *keep))
    check_references(inst)

    def compute() -> Change:
        return Change(put=instance_records(inst), remove={k: store.entities(event, k).ids() for k in KINDS},
                      audit={"at": time.time(), "who": who, "action": "import event", "meeting": "",
                             "detail": f"{len(inst.attendees)} attendees, {len(inst.wishes)} wishes"},
                      event=inst.event)

    apply(client, event, KINDS, compute)
    return inst


def import_event(client: Client, event: str, who: str, doc: Any) -> int:
    """An organizer replaces their own event from a parsed document, whatever id the file gives; the attendees."""
    current = EventStore(client).get(event)
    if isinstance(doc, dict) and doc.get("event") is None:  # a file without its event keeps the event as it is
        doc["event"] = {"name": current.name, "timezone": current.timezone,
                        "max_open_requests": current.max_open_requests}
    if isinstance(doc, dict) and isinstance(doc.get("event"), dict):
        doc["event"]["id"] = event
    return len(import_instance(client, parse_instance(doc), who).attendees)
