"""Replacing an organizer's event from an uploaded instance JSON; sessions, runs and the audit log stay."""

from __future__ import annotations

import json
import time
from dataclasses import replace

from forum.domain import Attendee, Instance
from forum.domain.instance_json import check_references, parse_instance
from forum.errors import Conflict, InvalidInput
from forum.store import EventStore
from forum.store.changes import Change, apply
from forum.store.connection import Client
from forum.store.events import INSTANCE_ENTITIES, SCHEDULE_ENTITIES, instance_records
from forum.store.runs import RunStore

KINDS = (*INSTANCE_ENTITIES, *SCHEDULE_ENTITIES)


def parse_upload(event: str, text: str) -> Instance:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"the file is not JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(doc, dict) and isinstance(doc.get("event"), dict):
        doc["event"]["id"] = event  # an organizer replaces their own event, whatever the file calls it
    return parse_instance(doc)


def import_event(client: Client, event: str, who: str, text: str) -> int:
    """Check the whole document first, then replace every entity in one MULTI/EXEC. Returns the attendees."""
    inst = parse_upload(event, text)
    store = EventStore(client)
    store.get(event)
    if RunStore(client).active(event):
        raise Conflict("a solver run is active: cancel it or let it finish before importing")
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
    return len(inst.attendees)
