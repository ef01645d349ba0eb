"""Events as a whole: list them, import an instance atomically, export it back."""

from __future__ import annotations

from typing import Any

import redis

from forum.checker.rules import is_live, placement
from forum.domain import Event, Instance, Meeting, MeetingStatus, PitchPlacement
from forum.errors import NotFound
from forum.store import keys
from forum.store.codec import decode, encode
from forum.store.entities import EntityStore

# Entities that make up an instance, in the order they are written.
INSTANCE_ENTITIES = ("slot", "location", "attendee", "wish", "pitch_session", "project")
SCHEDULE_ENTITIES = ("meeting", "pitch")


class EventStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def entities(self, event: str, entity: str) -> EntityStore:
        return EntityStore(self.client, event, entity)

    def ids(self) -> list[str]:
        return sorted(str(x) for x in self.client.smembers(keys.EVENTS))

    def all_events(self) -> list[Event]:
        raws = self.client.mget([keys.event_record(e) for e in self.ids()]) if self.ids() else []
        return [decode("event", r) for r in raws if r is not None]

    def get(self, event: str) -> Event:
        raw = self.client.get(keys.event_record(event))
        if raw is None:
            raise NotFound(f"no event {event!r}")
        found: Event = decode("event", raw)
        return found

    def exists(self, event: str) -> bool:
        return bool(self.client.exists(keys.event_record(event)))

    def counts(self, event: str) -> dict[str, int]:
        return {e: self.entities(event, e).count() for e in (*INSTANCE_ENTITIES, *SCHEDULE_ENTITIES)}

    def _existing_keys(self, event: str) -> list[str]:
        return list(self.client.scan_iter(match=keys.event_pattern(event), count=1000))

    def import_instance(self, inst: Instance) -> None:
        """Replace the event with `inst` in one MULTI/EXEC: readers see the old event or the new, never half."""
        event = inst.event.id
        stale = self._existing_keys(event)
        with self.client.pipeline(transaction=True) as pipe:
            for i in range(0, len(stale), 1000):
                pipe.delete(*stale[i : i + 1000])
            pipe.set(keys.event_record(event), encode("event", inst.event))
            pipe.sadd(keys.EVENTS, event)
            for entity, values in zip(INSTANCE_ENTITIES, _instance_lists(inst), strict=True):
                self.entities(event, entity).stage(pipe, values)
            self.entities(event, "meeting").stage(pipe, _meetings_of(inst))
            pipe.execute()

    def delete(self, event: str) -> None:
        stale = self._existing_keys(event)
        with self.client.pipeline(transaction=True) as pipe:
            for i in range(0, len(stale), 1000):
                pipe.delete(*stale[i : i + 1000])
            pipe.srem(keys.EVENTS, event)
            pipe.execute()

    def export_instance(self, event: str) -> Instance:
        """The event as an instance: accepted meetings are `fixed`, the current schedule is `previous`."""
        found: dict[str, Any] = {e: self.entities(event, e).all() for e in INSTANCE_ENTITIES}
        meetings = [m for m in self.entities(event, "meeting").all() if is_live(m)]
        return Instance(
            event=self.get(event),
            slots=tuple(sorted(found["slot"], key=lambda s: (s.start, s.id))),
            locations=tuple(found["location"]),
            attendees=tuple(found["attendee"]),
            wishes=tuple(found["wish"]),
            pitch_sessions=tuple(found["pitch_session"]),
            projects=tuple(found["project"]),
            fixed=tuple(placement(m) for m in meetings if m.status is MeetingStatus.ACCEPTED),
            previous=tuple(placement(m) for m in meetings),
        )

    def pitches(self, event: str) -> list[PitchPlacement]:
        return self.entities(event, "pitch").all()


def _instance_lists(inst: Instance) -> tuple[tuple[Any, ...], ...]:
    return (inst.slots, inst.locations, inst.attendees, inst.wishes, inst.pitch_sessions, inst.projects)


def _meetings_of(inst: Instance) -> list[Meeting]:
    """`previous` entries become proposed meetings; `fixed` ones accepted (fixed wins on conflict)."""
    out = {p.wish: Meeting(p.wish, p.wish, p.slot, p.location) for p in inst.previous}
    for p in inst.fixed:
        out[p.wish] = Meeting(p.wish, p.wish, p.slot, p.location, MeetingStatus.ACCEPTED)
    return list(out.values())


