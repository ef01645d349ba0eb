"""An event read whole again and again by one long-lived process: each record is decoded once while unchanged.

A repair reads the whole event every few seconds during a market, and at 5,000 attendees decoding the JSON
of every request and attendee costs more than everything else it does. `SnapshotStore` reads like
`EventStore` (the same records, read when asked, so what it returns is what is stored now) but keeps the decoded record
of each stored text: only records whose text changed since the last whole read are decoded again. Records
are frozen dataclasses, so sharing them is safe. One generation is kept per event and kind: the memory is
bounded by the event's size.
"""

from __future__ import annotations

import threading
from typing import Any

from forum.store.codec import E
from forum.store.entities import EntityStore
from forum.store.events import EventStore

_decoded: dict[tuple[str, str], dict[str, Any]] = {}  # (event, kind) -> stored text -> its record
_lock = threading.Lock()


# Every record of one kind in one call (atomic, and half the replies of SMEMBERS then MGET: the ids stay home).
_VALUES = """
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local raw = redis.call('GET', ARGV[1] .. id)
  if raw then out[#out + 1] = raw end
end
return out
"""


class _RememberingEntities(EntityStore[E]):
    def all(self) -> list[E]:
        raws: list[str] = self.client.eval(_VALUES, 1, self.index_key, self.key(""))
        with _lock:
            before = _decoded.get((self.event, self.kind), {})
        now = {raw: before[raw] if raw in before else self.codec.decode(raw) for raw in raws}
        with _lock:
            _decoded[(self.event, self.kind)] = now
        return sorted(now.values(), key=lambda value: str(value.id))  # in id order, as EntityStore reads them


class SnapshotStore(EventStore):
    """`EventStore` whose whole reads (`entities(...).all()`, `export_instance`) remember decoded records."""

    def entities(self, event: str, cls: type[E]) -> EntityStore[E]:
        return _RememberingEntities(self.client, event, cls)
