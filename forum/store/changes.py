"""Atomic organizer changes: entities put and removed, plus the audit entry, in one WATCH/MULTI/EXEC."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import redis

from forum.domain import Event
from forum.errors import Conflict
from forum.store import keys
from forum.store.audit import stage_entry
from forum.store.codec import encode
from forum.store.entities import EntityStore

ATTEMPTS = 20  # retries when someone else writes a watched key while we compute


@dataclass
class Change:
    """What to write: values to put and ids to remove per entity kind, and the audit entry."""

    put: dict[str, list[Any]] = field(default_factory=dict)
    remove: dict[str, list[str]] = field(default_factory=dict)
    audit: dict[str, Any] | None = None
    event: Event | None = None  # a new event record (name, timezone), when the event itself changes


def apply(client: redis.Redis, event: str, watched: tuple[str, ...], compute: Callable[[], Change]) -> Change:
    """Run `compute` on a consistent view and write its Change atomically.

    Every record and index of the `watched` entity kinds is watched: a write by anyone else in between
    (an attendee answering, another organizer) restarts the computation with the new state.
    """
    for _ in range(ATTEMPTS):
        with client.pipeline(transaction=True) as pipe:
            try:
                stores = [EntityStore(client, event, kind) for kind in watched]
                pipe.watch(*[k for s in stores for k in (s.index_key, *[s.key(i) for i in s.ids()])])
                change = compute()
                pipe.multi()
                for kind, idents in change.remove.items():
                    store = EntityStore(client, event, kind)
                    for ident in idents:
                        pipe.delete(store.key(ident))
                        pipe.srem(store.index_key, ident)
                for kind, values in change.put.items():
                    EntityStore(client, event, kind).stage(pipe, values)
                if change.event is not None:
                    pipe.set(keys.event_record(event), encode("event", change.event))
                if change.audit is not None:
                    stage_entry(pipe, event, change.audit)
                pipe.execute()
                return change
            except redis.WatchError:
                continue
    raise Conflict("the schedule kept changing while saving; please try again")
