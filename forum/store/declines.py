"""Declines written at once and in one transaction: a meeting with its undo record, or many requests in a batch.

An undo record keeps what the meeting and its request were before the decline (JSON, with the moment the
undo window closes) and expires by itself; each attendee's open undo windows are a sorted set by that moment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import redis

from forum.domain import Meeting, Wish
from forum.errors import Conflict, InvalidInput, NotFound
from forum.store import keys
from forum.store.codec import codec_of
from forum.store.connection import commit, watch
from forum.store.entities import EntityStore

ATTEMPTS = 10
KEEP_AFTER = 300  # seconds a closed undo record is kept, so a late Undo is told "too late", not "no such"
MAX_ID = 100
MAX_BATCH = 200  # requests declined in one batch
READ_CHUNK = 1000  # undo records read in one round trip
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@+-]*")
BUSY = "Too many changes at once; please try again."
_MEETING, _WISH = codec_of(Meeting), codec_of(Wish)


def check_id(ident: str, what: str = "meeting") -> str:
    """An id from a form or an address, before it becomes part of a key: short and of plain characters."""
    if not isinstance(ident, str) or len(ident) > MAX_ID or not _ID.fullmatch(ident):
        raise InvalidInput(f"There is no such {what}.")
    return ident


def undo_key(event: str, attendee: str, meeting: str) -> str:
    return keys.record(event, "decline_undo", f"{attendee}:{meeting}")


def open_key(event: str, attendee: str) -> str:
    return keys.record(event, "decline_undo_open", attendee)


@dataclass(frozen=True)
class Declined:
    """A meeting decline: the meeting and its request before and after, and when its undo window closes."""

    meeting_before: Meeting
    wish_before: Wish
    meeting_after: Meeting
    wish_after: Wish
    until: float

    def to_json(self) -> str:
        return json.dumps({"meeting_before": _MEETING.encode(self.meeting_before),
                           "wish_before": _WISH.encode(self.wish_before),
                           "meeting_after": _MEETING.encode(self.meeting_after),
                           "wish_after": _WISH.encode(self.wish_after), "until": self.until})

    @classmethod
    def from_json(cls, raw: str | bytes) -> Declined:
        d = json.loads(raw)
        return cls(_MEETING.decode(d["meeting_before"]), _WISH.decode(d["wish_before"]),
                   _MEETING.decode(d["meeting_after"]), _WISH.decode(d["wish_after"]), float(d["until"]))


Decide = Callable[[Meeting, Wish], tuple[Meeting, Wish]]


class DeclineStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event
        self.meetings = EntityStore(client, event, Meeting)
        self.wishes = EntityStore(client, event, Wish)

    def decline(self, meeting_id: str, attendee: str, decide: Decide, now: float, until: float) -> Declined:
        """Apply `decide` (which may raise to refuse) to the meeting and its request as they are now, and keep
        the undo record, all in one WATCH/MULTI transaction (on disk on return)."""
        check_id(meeting_id)
        mkey, wkey = self.meetings.key(meeting_id), self.wishes.key(meeting_id)
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, mkey, wkey)
                    meeting, wish = self.meetings.find(meeting_id), self.wishes.find(meeting_id)
                    if meeting is None or wish is None:
                        raise NotFound("There is no such meeting.")
                    m_after, w_after = decide(meeting, wish)
                    record = Declined(meeting, wish, m_after, w_after, until)
                    pipe.multi()
                    self.meetings.stage(pipe, [m_after])
                    self.wishes.stage(pipe, [w_after])
                    self._stage_record(pipe, attendee, record, int(until - now) + KEEP_AFTER)
                    commit(self.client, pipe)
                    return record
                except redis.WatchError:
                    continue
        raise Conflict(BUSY)

    def _stage_record(self, pipe: redis.client.Pipeline, attendee: str, record: Declined, life: int) -> None:
        pipe.set(undo_key(self.event, attendee, record.meeting_after.id), record.to_json(), ex=max(life, 1))
        pipe.zadd(open_key(self.event, attendee), {record.meeting_after.id: record.until})
        pipe.expire(open_key(self.event, attendee), max(life, 1))

    def record(self, attendee: str, meeting_id: str) -> Declined | None:
        raw = self.client.get(undo_key(self.event, attendee, check_id(meeting_id)))
        return None if raw is None else Declined.from_json(raw)

    def open_windows(self, attendee: str, now: float) -> dict[str, float]:
        """The attendee's meetings whose decline can still be undone, with the moment each window closes."""
        key = open_key(self.event, attendee)
        self.client.zremrangebyscore(key, "-inf", f"({now}")
        found: Any = self.client.zrangebyscore(key, now, "+inf", withscores=True)
        return {str(m): float(s) for m, s in found}

    def undoable(self, declined: Iterable[Wish], now: float) -> list[Declined]:
        """The undo records, window still open at `now`, of these requests' declined meetings (any participant
        may have declined; each record says where the meeting was): a repair must not give those places away."""
        names = [undo_key(self.event, who, w.id) for w in declined for who in w.participants]
        out: list[Declined] = []
        for i in range(0, len(names), READ_CHUNK):
            for raw in self.client.mget(names[i : i + READ_CHUNK]):
                if raw is not None and (record := Declined.from_json(raw)).until > now:
                    out.append(record)
        return out

    def undo(self, attendee: str, meeting_id: str, now: float, too_late: str) -> Declined:
        """Put the meeting and its request back as they were, if the window is open and nothing changed them
        since; the record goes with it. Refused with `too_late` (Conflict) otherwise."""
        rkey = undo_key(self.event, attendee, check_id(meeting_id))
        mkey, wkey = self.meetings.key(meeting_id), self.wishes.key(meeting_id)
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, rkey, mkey, wkey)
                    raw = self.client.get(rkey)
                    if raw is None:
                        raise Conflict(too_late)
                    record = Declined.from_json(raw)
                    if now > record.until:
                        raise Conflict(too_late)
                    if (self.meetings.find(meeting_id), self.wishes.find(meeting_id)) != (
                            record.meeting_after, record.wish_after):
                        raise Conflict(too_late)
                    pipe.multi()
                    self.meetings.stage(pipe, [record.meeting_before])
                    self.wishes.stage(pipe, [record.wish_before])
                    pipe.delete(rkey)
                    pipe.zrem(open_key(self.event, attendee), meeting_id)
                    commit(self.client, pipe)
                    return record
                except redis.WatchError:
                    continue
        raise Conflict(BUSY)

    def decline_many(self, wish_ids: list[str], change: Callable[[Wish, Meeting | None], Wish]) -> list[Wish]:
        """Apply `change` (which raises to refuse the whole batch) to each request, seen with its meeting if it
        has one, and write them all in one transaction: all or none."""
        ids = sorted({check_id(i, "request") for i in wish_ids})
        if not ids or len(ids) > MAX_BATCH:
            raise InvalidInput(f"Choose between 1 and {MAX_BATCH} requests.")
        watched = [self.wishes.key(i) for i in ids] + [self.meetings.key(i) for i in ids]
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, *watched)
                    wishes = {w.id: w for w in self.wishes.get_many(ids)}
                    meetings = {m.id: m for m in self.meetings.get_many(ids)}
                    if set(wishes) != set(ids):
                        raise NotFound("Some of these requests do not exist; look at the list again.")
                    after = [change(wishes[i], meetings.get(i)) for i in ids]
                    pipe.multi()
                    self.wishes.stage(pipe, after)
                    commit(self.client, pipe)
                    return after
                except redis.WatchError:
                    continue
        raise Conflict(BUSY)

