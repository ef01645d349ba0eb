"""Draft schedules per run and the atomic switch of the published schedule (WATCH/MULTI, retried)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import redis
from redis.typing import EncodableT, FieldT

from forum.domain import Meeting, PitchPlacement, Schedule, Unscheduled, Wish, WishStatus
from forum.domain.schedule_json import dump_schedule, dump_unscheduled, parse_schedule, parse_unscheduled
from forum.errors import Conflict
from forum.store import keys
from forum.store.connection import Pipeline, commit, watch
from forum.store.entities import EntityStore

DRAFT_TTL = 30 * 24 * 3600
WHY_KEPT = ""  # a field of every reasons hash (wish ids are never empty): the draft's reasons were indexed
CHUNK = 1000
ATTEMPTS = 20  # publish retries when an attendee answers a meeting while we merge

# All meeting records in one atomic read, so a reader never sees half of two schedules.
_READ_ALL = """
local ids = redis.call('SMEMBERS', KEYS[1])
local out = {}
for i, id in ipairs(ids) do
  local raw = redis.call('GET', ARGV[1] .. id)
  if raw then out[#out + 1] = raw end
end
return out
"""


@dataclass
class Switch:
    """What a publish writes: meetings to put, meeting ids to remove, and the new pitch list."""

    put: list[Meeting] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    pitches: list[PitchPlacement] = field(default_factory=list)


@dataclass(frozen=True)
class Party:
    """Who a wish brings together and how it stands: all a publish needs, read without full decoding."""

    participants: tuple[str, ...]
    status: WishStatus


def draft_key(event: str, run: str) -> str:
    return keys.record(event, "draft", run)


def base_key(event: str, run: str) -> str:
    return keys.record(event, "draft_base", run)


def why_key(event: str, run: str) -> str:
    """A run's reasons per unmet wish: attendee pages read a few of them without parsing the whole draft."""
    return keys.record(event, "draft_why", run)


def version_key(event: str) -> str:
    return keys.record(event, "schedule", "version")


def published_key(event: str) -> str:
    return keys.record(event, "published", "run")


def encode_meeting(m: Meeting) -> str:
    """The codec's meeting JSON, without dataclasses.asdict's deep copies (publishes write thousands)."""
    return json.dumps({"id": m.id, "wish": m.wish, "slot": m.slot, "location": m.location,
                       "status": m.status.value, "locked": m.locked}, separators=(",", ":"), ensure_ascii=False)


def _stage_meetings(pipe: Pipeline, meetings: EntityStore[Meeting], switch: Switch) -> None:
    """A handful of big commands rather than two per meeting."""
    for i in range(0, len(switch.remove), CHUNK):
        gone = switch.remove[i : i + CHUNK]
        pipe.delete(*[meetings.key(x) for x in gone])
        pipe.srem(meetings.index_key, *gone)
    for i in range(0, len(switch.put), CHUNK):
        placed = switch.put[i : i + CHUNK]
        pipe.mset({meetings.key(m.id): encode_meeting(m) for m in placed})
        pipe.sadd(meetings.index_key, *[m.id for m in placed])


class ScheduleStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._read_all = client.register_script(_READ_ALL)

    def save_draft(self, event: str, run: str, schedule: Schedule) -> None:
        doc = json.dumps(dump_schedule(schedule), separators=(",", ":"), ensure_ascii=False)
        reasons: dict[FieldT, EncodableT] = {WHY_KEPT: "1"}
        for u in schedule.unscheduled:
            reasons[u.wish] = json.dumps(dump_unscheduled(u), separators=(",", ":"), ensure_ascii=False)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(draft_key(event, run), doc, ex=DRAFT_TTL)
            pipe.delete(why_key(event, run))
            pipe.hset(why_key(event, run), mapping=reasons)
            pipe.expire(why_key(event, run), DRAFT_TTL)
            pipe.execute()

    def unscheduled(self, event: str, run: str, wishes: list[str]) -> dict[str, Unscheduled]:
        """The run's reasons for these wishes, those it left out (drafts saved before the index: read whole)."""
        if not wishes:
            return {}
        found = self.client.hmget(why_key(event, run), [WHY_KEPT, *wishes])
        if found[0] is None:
            draft = self.draft(event, run)
            wanted = set(wishes)
            return {u.wish: u for u in draft.unscheduled if u.wish in wanted} if draft else {}
        return {w: parse_unscheduled(json.loads(raw), w) for w, raw in zip(wishes, found[1:], strict=True) if raw}

    def all_unscheduled(self, event: str, run: str) -> dict[str, Unscheduled]:
        """Every reason of the run, by wish (what a publish compares with the run it replaces)."""
        found: dict[str, str] = self.client.hgetall(why_key(event, run))  # type: ignore[assignment]  # str client
        if WHY_KEPT not in found:
            draft = self.draft(event, run)
            return {u.wish: u for u in draft.unscheduled} if draft else {}
        return {w: parse_unscheduled(json.loads(raw), w) for w, raw in found.items() if w != WHY_KEPT}

    def save_base(self, event: str, run: str, base: Schedule) -> None:
        """The live schedule a run started from: publishing merges the run's changes against it."""
        doc = json.dumps(dump_schedule(base), separators=(",", ":"), ensure_ascii=False)
        self.client.set(base_key(event, run), doc, ex=DRAFT_TTL)

    def draft_base(self, event: str, run: str) -> Schedule | None:
        raw = self.client.get(base_key(event, run))
        return None if raw is None else parse_schedule(json.loads(raw))

    def draft(self, event: str, run: str) -> Schedule | None:
        raw = self.client.get(draft_key(event, run))
        return None if raw is None else parse_schedule(json.loads(raw))

    def meetings(self, event: str) -> list[Meeting]:
        """The published meetings, read atomically."""
        store = EntityStore(self.client, event, Meeting)
        raws = self._read_all(keys=[store.index_key], args=[store.key("")])
        return [store.codec.decode(r) for r in raws]

    def parties(self, event: str) -> dict[str, Party]:
        """Every wish's participants and status, straight from the stored JSON (fields `from`, `to`, `with`)."""
        wishes = EntityStore(self.client, event, Wish)
        ids = wishes.ids()
        out: dict[str, Party] = {}
        for i in range(0, len(ids), CHUNK):
            for raw in self.client.mget([wishes.key(x) for x in ids[i : i + CHUNK]]):
                if raw is not None:
                    d = json.loads(raw)
                    people = (d["from"], d["to"], *(d.get("with") or ()))
                    out[d["id"]] = Party(people, WishStatus(d.get("status", "pending")))
        return out

    def version(self, event: str) -> int:
        return int(self.client.get(version_key(event)) or 0)

    def published_run(self, event: str) -> str | None:
        found = self.client.get(published_key(event))
        return None if found is None else str(found)

    def publish(self, event: str, run: str, merge: Callable[[list[Meeting]], Switch],
                merge_pitches: Callable[[list[PitchPlacement]], list[PitchPlacement]] | None = None,
                ) -> tuple[Switch, int]:
        """Switch the published schedule in one MULTI/EXEC; `merge` sees the meetings as they are then, and
        `merge_pitches` (when given) the published pitches, to return the new pitch list.

        Every current meeting key and the pitch index are watched, so an answer given or another publish made
        while we merge restarts the merge with it.
        Returns once the switch is on disk.
        """
        meetings = EntityStore(self.client, event, Meeting)
        pitches = EntityStore(self.client, event, PitchPlacement)
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, meetings.index_key, pitches.index_key, *[meetings.key(i) for i in meetings.ids()])
                    switch = merge(meetings.get_many(meetings.ids()))
                    old_pitches = pitches.ids()
                    if merge_pitches is not None:
                        switch.pitches = merge_pitches(pitches.get_many(old_pitches))
                    pipe.multi()
                    _stage_meetings(pipe, meetings, switch)
                    for ident in old_pitches:
                        pipe.delete(pitches.key(ident))
                    pipe.delete(pitches.index_key)
                    pitches.stage(pipe, switch.pitches)
                    pipe.set(published_key(event), run)
                    pipe.incr(version_key(event))
                    version = int(commit(self.client, pipe)[-1])
                    return switch, version
                except redis.WatchError:
                    continue
        raise Conflict("the schedule kept changing while publishing; please try again")
