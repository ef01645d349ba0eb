"""Backing up one event as a `forum-backup/1` document and restoring it: every record, codes and logs included."""

from __future__ import annotations

from typing import Any

from forum.domain.event import Event
from forum.errors import Conflict
from forum.store import backup
from forum.store.connection import Client
from forum.store.runs import RunStore

BACKUP_FORMAT = backup.BACKUP_FORMAT


def backup_event(client: Client, event: str) -> dict[str, Any]:
    """The event's document: NotFound for an unknown event. Access codes travel as their keyed hashes, so
    they sign in after a restore only under the same FORUM_SECRET_KEY and event id."""
    return backup.dump_event(client, event)


def restore_event(client: Client, doc: Any) -> tuple[Event, int]:
    """Replace the event the document holds with its records, all at once; (the event, records written).

    Refused, with nothing written, for another format or version, a malformed record, or an active run.
    """
    event, records = backup.parse_backup(doc)
    if RunStore(client).active(event):  # checked again, watched, inside the store's transaction
        raise Conflict("a solver run is active: cancel it or let it finish before restoring")
    return backup.restore_event(client, event, records), len(records)
