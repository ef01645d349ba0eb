"""Atomic organizer changes: entities put and removed, plus the audit entry, in one WATCH/MULTI/EXEC."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import redis

from forum.domain import Event, Wish
from forum.errors import Conflict
from forum.store import keys
from forum.store.audit import stage_entry
from forum.store.codec import E, Entity, codec_of
from forum.store.connection import Pipeline, commit, watch
from forum.store.entities import EntityStore
from forum.store.requests import built_key, stage_forget_index

ATTEMPTS = 20  # retries when someone else writes a watched key while we compute


@dataclass
class Change:
    """What to write: values to put and ids to remove per domain class, and the audit entry.

    `Change(put={Meeting: [m]}, remove={Slot: ["s1"]})`; each value must be an instance of its key.
    """

    put: Mapping[type[Entity], Sequence[Entity]] = field(default_factory=dict)
    remove: Mapping[type[Entity], Sequence[str]] = field(default_factory=dict)
    audit: dict[str, Any] | None = None
    event: Event | None = None  # a new event record (name, timezone), when the event itself changes

    def puts(self, cls: type[E]) -> list[E]:
        """The values put of one class, typed: `change.puts(Meeting)` is a list[Meeting]."""
        return [v for kind, values in self.put.items() if kind is cls for v in values if isinstance(v, cls)]


def apply(client: redis.Redis, event: str, watched: tuple[type[Entity], ...],
          compute: Callable[[], Change]) -> Change:
    """Run `compute` on a consistent view and write its Change atomically; returns once it is on disk.

    Every record and index of the `watched` classes is watched: a write by anyone else in between
    (an attendee answering, another organizer) restarts the computation with the new state. A Change that
    puts or removes wishes also forgets the requests-by-person index (rebuilt on the next read), so Wish must
    be watched then.
    """
    for _ in range(ATTEMPTS):
        with client.pipeline(transaction=True) as pipe:
            try:
                stores = [EntityStore(client, event, cls) for cls in watched]
                derived = [built_key(event)] if Wish in watched else []
                names = [*derived, *[k for s in stores for k in (s.index_key, *[s.key(i) for i in s.ids()])]]
                if names:  # nothing watched: a plain write with its audit entry, in one MULTI/EXEC
                    watch(pipe, *names)
                change = compute()
                pipe.multi()
                _stage(pipe, client, event, change, watched)
                commit(client, pipe)
                return change
            except redis.WatchError:
                continue
    raise Conflict("the schedule kept changing while saving; please try again")


def _stage(pipe: Pipeline, client: redis.Redis, event: str, change: Change,
           watched: tuple[type[Entity], ...]) -> None:
    for cls, idents in change.remove.items():
        store = EntityStore(client, event, cls)
        for ident in idents:
            pipe.delete(store.key(ident))
            pipe.srem(store.index_key, ident)
    for cls, values in change.put.items():
        EntityStore(client, event, cls).stage(pipe, values)
    if change.event is not None:
        pipe.set(keys.event_record(event), codec_of(Event).encode(change.event))
        pipe.sadd(keys.EVENTS, event)  # a new event (an import from the command line) joins the list
    if change.audit is not None:
        stage_entry(pipe, event, change.audit)
    if Wish in change.put or Wish in change.remove:
        if Wish not in watched:  # the index scan below would race with requests sent meanwhile
            raise TypeError("a Change that writes wishes must watch Wish")
        stage_forget_index(pipe, client, event)
