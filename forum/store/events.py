"""Events as a whole: list them, import an instance atomically, export it back."""

from __future__ import annotations

from collections.abc import Sequence

import redis

from forum.checker.rules import is_live, placement
from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    Meeting,
    MeetingStatus,
    PitchPlacement,
    PitchSession,
    Project,
    Slot,
    Wish,
)
from forum.errors import NotFound
from forum.store import keys
from forum.store.codec import E, Entity, codec_of
from forum.store.entities import EntityStore
from forum.store.requests import forgotten_key

# The classes that make up an instance, in the order they are written, then those a schedule adds.
INSTANCE_ENTITIES: tuple[type[Entity], ...] = (Slot, Location, Attendee, Wish, PitchSession, Project)
SCHEDULE_ENTITIES: tuple[type[Entity], ...] = (Meeting, PitchPlacement)


class EventStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def entities(self, event: str, cls: type[E]) -> EntityStore[E]:
        """The event's records of one domain class: `entities(event, Slot)` is an EntityStore[Slot]."""
        return EntityStore(self.client, event, cls)

    def ids(self) -> list[str]:
        return sorted(str(x) for x in self.client.smembers(keys.EVENTS))

    def all_events(self) -> list[Event]:
        ids = self.ids()
        raws = self.client.mget([keys.event_record(e) for e in ids]) if ids else []
        return [codec_of(Event).decode(r) for r in raws if r is not None]

    def get(self, event: str) -> Event:
        raw = self.client.get(keys.event_record(event))
        if raw is None:
            raise NotFound(f"no event {event!r}")
        return codec_of(Event).decode(raw)

    def exists(self, event: str) -> bool:
        return bool(self.client.exists(keys.event_record(event)))

    def counts(self, event: str) -> dict[str, int]:
        """Records per kind name ('slot', 'meeting'...), for overviews."""
        return {codec_of(c).kind: self.entities(event, c).count() for c in (*INSTANCE_ENTITIES, *SCHEDULE_ENTITIES)}

    def _existing_keys(self, event: str) -> list[str]:
        return list(self.client.scan_iter(match=keys.event_pattern(event), count=1000))

    def import_instance(self, inst: Instance) -> None:
        """Replace the event with `inst` in one MULTI/EXEC: readers see the old event or the new, never half.

        Every key of the event goes, sessions and audit log included: a clean slate for tests and benchmarks.
        The app imports through services/setup/event_import (console, command line and demo alike).
        """
        event = inst.event.id
        stale = self._existing_keys(event)
        with self.client.pipeline(transaction=True) as pipe:
            for i in range(0, len(stale), 1000):
                pipe.delete(*stale[i : i + 1000])
            pipe.incr(forgotten_key(event))  # a by-person index being built from the old wishes is thrown away
            pipe.set(keys.event_record(event), codec_of(Event).encode(inst.event))
            pipe.sadd(keys.EVENTS, event)
            for cls, values in instance_records(inst).items():
                self.entities(event, cls).stage(pipe, values)
            pipe.execute()

    def delete(self, event: str) -> None:
        stale = self._existing_keys(event)
        with self.client.pipeline(transaction=True) as pipe:
            for i in range(0, len(stale), 1000):
                pipe.delete(*stale[i : i + 1000])
            pipe.srem(keys.EVENTS, event)
            pipe.execute()

    def export_instance(self, event: str) -> Instance:
        """The event as an instance: accepted meetings are `fixed`, the current schedule is `previous` (its
        pitches `previous_pitches`)."""
        stored = self.entities(event, Meeting).all()
        meetings = [m for m in stored if is_live(m)]
        slots = tuple(sorted(self.entities(event, Slot).all(), key=lambda s: (s.start, s.id)))
        projects = tuple(self.entities(event, Project).all())
        known = ({p.id for p in projects}, {s.id for s in slots})  # a pitch's project or slot may be gone
        pitches = [p for p in self.pitches(event) if p.project in known[0] and p.slot in known[1]]
        return Instance(
            event=self.get(event),
            slots=slots,
            locations=tuple(self.entities(event, Location).all()),
            attendees=tuple(self.entities(event, Attendee).all()),
            wishes=tuple(self.entities(event, Wish).all()),
            pitch_sessions=tuple(self.entities(event, PitchSession).all()),
            projects=projects,
            fixed=tuple(placement(m) for m in meetings if m.status is MeetingStatus.ACCEPTED),
            previous=tuple(placement(m) for m in meetings),
            previous_pitches=tuple(sorted(pitches, key=lambda p: p.project)),
            meetings=tuple(m for m in stored if m.locked or not is_live(m)),  # what fixed/previous cannot say
        )

    def pitches(self, event: str) -> list[PitchPlacement]:
        return self.entities(event, PitchPlacement).all()


def instance_records(inst: Instance) -> dict[type[Entity], Sequence[Entity]]:
    """What storing `inst` writes, per class in write order: its entities, its meetings and its pitches."""
    return {Slot: inst.slots, Location: inst.locations, Attendee: inst.attendees, Wish: inst.wishes,
            PitchSession: inst.pitch_sessions, Project: inst.projects, Meeting: meetings_of(inst),
            PitchPlacement: pitches_of(inst)}


def pitches_of(inst: Instance) -> list[PitchPlacement]:
    """The published pitches: `previous_pitches`, with `fixed_pitches` winning for the same project."""
    out = {p.project: p for p in inst.previous_pitches}
    out.update({p.project: p for p in inst.fixed_pitches})
    return list(out.values())


def meetings_of(inst: Instance) -> list[Meeting]:
    """`previous` entries become proposed meetings; `fixed` ones accepted; `meetings` ones as they say (the
    later wins for the same wish)."""
    out = {p.wish: Meeting(p.wish, p.wish, p.slot, p.location) for p in inst.previous}
    for p in inst.fixed:
        out[p.wish] = Meeting(p.wish, p.wish, p.slot, p.location, MeetingStatus.ACCEPTED)
    out.update({m.wish: m for m in inst.meetings})
    return list(out.values())
