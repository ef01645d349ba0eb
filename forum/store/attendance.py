"""Who turned up to each meeting on the floor: check-ins and no-shows, written with the meeting in one MULTI."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import redis

from forum.domain import Meeting
from forum.errors import Conflict, NotFound
from forum.store import keys
from forum.store.connection import commit, watch
from forum.store.entities import EntityStore

ATTEMPTS = 20
KEEP = 14 * 24 * 3600  # the floor's record outlives the market by two weeks, for the organizers' report


@dataclass(frozen=True)
class Attendance:
    """One meeting's attendance: who tapped "we're here", who was reported absent and by whom."""

    meeting: str
    here: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    reported_by: str = ""  # the participant who reported the no-show
    at: str = ""  # event-local time of the last tap, ISO

    @property
    def state(self) -> str:
        """no-show, checked in or waiting: what the organizers' counts group by."""
        if self.absent:
            return "no-show"
        return "checked in" if self.here else "waiting"


def encode(a: Attendance) -> str:
    return json.dumps({"meeting": a.meeting, "here": list(a.here), "absent": list(a.absent),
                       "reported_by": a.reported_by, "at": a.at}, separators=(",", ":"), ensure_ascii=False)


def decode(raw: str) -> Attendance:
    d = json.loads(raw)
    return Attendance(str(d["meeting"]), tuple(d.get("here", ())), tuple(d.get("absent", ())),
                      str(d.get("reported_by", "")), str(d.get("at", "")))


Change = Callable[[Attendance, Meeting], tuple[Attendance, Meeting]]


class AttendanceStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event
        self.meetings = EntityStore(client, event, Meeting)

    def key(self, meeting: str) -> str:
        return keys.record(self.event, "attendance", meeting)

    @property
    def index_key(self) -> str:
        return keys.index(self.event, "attendance")

    def get(self, meeting: str) -> Attendance:
        raw = self.client.get(self.key(meeting))
        return Attendance(meeting) if raw is None else decode(str(raw))

    def get_many(self, meetings: list[str]) -> dict[str, Attendance]:
        """The records of these meetings that have one (a meeting nobody tapped for has none)."""
        if not meetings:
            return {}
        raws = self.client.mget([self.key(m) for m in meetings])
        return {m: decode(str(r)) for m, r in zip(meetings, raws, strict=True) if r is not None}

    def all(self) -> list[Attendance]:
        ids = sorted(str(x) for x in self.client.smembers(self.index_key))
        return list(self.get_many(ids).values())

    def change(self, meeting_id: str, change: Change) -> tuple[Attendance, Meeting]:
        """Apply `change` to the attendance and the meeting as they are now, and write both atomically.

        Both keys are watched: a publish moving the meeting, or the other participant tapping at the same
        moment, restarts the check with what they wrote. `change` may raise to refuse.
        """
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, self.key(meeting_id), self.meetings.key(meeting_id))
                    meeting = self.meetings.find(meeting_id)
                    if meeting is None:
                        raise NotFound("There is no such meeting.")
                    attendance, after = change(self.get(meeting_id), meeting)
                    pipe.multi()
                    pipe.set(self.key(meeting_id), encode(attendance), ex=KEEP)
                    pipe.sadd(self.index_key, meeting_id)
                    pipe.expire(self.index_key, KEEP)
                    if after != meeting:
                        self.meetings.stage(pipe, [after])
                    commit(self.client, pipe)
                    return attendance, after
                except redis.WatchError:
                    continue
        raise Conflict("Too many changes at once to this meeting; please try again.")
