"""Mails to attendees: one bounded record per mail (its idempotency key is its id), the event's capped list
of them for the organizers' outbox, the mails waiting to be handed to a worker, and each attendee's mail
preferences."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import redis

from forum.store import keys

KEEP_SECONDS = 30 * 24 * 3600  # a mail record (and so its "already sent" mark) outlives any retry or re-publish
KEEP_LISTED = 5000  # mails listed per event in the outbox; older ones stay readable by id until they expire
PENDING = f"{keys.PREFIX}:mail:pending"  # "<event> <mail>" scored by when it may be handed to a worker
STATUSES = ("queued", "sending", "retrying", "sent", "outbox", "failed", "skipped")

# Create the record only if this mail was never made (SET NX semantics on a hash), list it, mark it pending.
_QUEUE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
return 1
"""

# How a try ended; an expired record is not brought back half-empty.
_SETTLE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
"""

# Take the mail for sending: only a queued or retrying one. A mail already sent, or being sent by someone
# else (perhaps sent: a worker died between the server's OK and our mark), is never taken again.
_CLAIM = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status ~= 'queued' and status ~= 'retrying' then return status end
redis.call('HSET', KEYS[1], 'status', 'sending', 'updated_at', ARGV[1])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
return 'claimed'
"""


@dataclass
class MailRecord:
    id: str
    key: str  # mail:<kind>:<person>:<change>, what "never twice" is about
    event: str
    kind: str
    person: str
    change: str
    data: dict[str, Any] = field(default_factory=dict)  # what the mail is about (ids), composed when sent
    status: str = "queued"
    to: str = ""
    subject: str = ""
    body: str = ""
    language: str = ""
    error: str = ""
    attempts: int = 0
    created_at: float = 0.0
    updated_at: float = 0.0


def _hash(record: MailRecord) -> dict[str, str]:
    """The fields a queued mail has (what it is about); the rest is written when it is sent."""
    return {"id": record.id, "key": record.key, "event": record.event, "kind": record.kind, "person": record.person,
            "change": record.change, "data": json.dumps(record.data, ensure_ascii=False, separators=(",", ":")),
            "status": record.status, "attempts": str(record.attempts), "created_at": str(record.created_at),
            "updated_at": str(record.updated_at)}


def _texts(raw: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(raw).items()}


def _record(raw: dict[str, str]) -> MailRecord | None:
    if not raw.get("id"):
        return None
    return MailRecord(id=raw["id"], key=raw.get("key", ""), event=raw.get("event", ""), kind=raw.get("kind", ""),
                      person=raw.get("person", ""), change=raw.get("change", ""),
                      data=json.loads(raw.get("data") or "{}"), status=raw.get("status", ""),
                      to=raw.get("to", ""), subject=raw.get("subject", ""), body=raw.get("body", ""),
                      language=raw.get("language", ""), error=raw.get("error", ""),
                      attempts=int(raw.get("attempts") or 0), created_at=float(raw.get("created_at") or 0),
                      updated_at=float(raw.get("updated_at") or 0))


def record_key(event: str, mail: str) -> str:
    return keys.record(event, "mail", mail)


def list_key(event: str) -> str:
    return keys.record(event, "maillist", "all")


def prefs_key(event: str, attendee: str) -> str:
    return keys.record(event, "mailprefs", attendee)


class MailStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._queue = client.register_script(_QUEUE)
        self._claim = client.register_script(_CLAIM)
        self._settle = client.register_script(_SETTLE)

    def queue(self, record: MailRecord, due: float | None = None) -> bool:
        """Keep the mail and mark it for a worker; False (nothing written) when this mail exists already."""
        return self.queue_many([record], due)[0]

    def queue_many(self, records: list[MailRecord], due: float | None = None) -> list[bool]:
        """`queue` for many mails in one round trip (a publish may tell thousands of people)."""
        now = time.time()
        with self.client.pipeline(transaction=False) as pipe:
            for record in records:
                record.created_at = record.updated_at = now
                fields = [x for pair in _hash(record).items() for x in pair]
                self._queue(keys=[record_key(record.event, record.id), list_key(record.event), PENDING],
                            args=[KEEP_SECONDS, record.id, KEEP_LISTED, due if due is not None else now,
                                  f"{record.event} {record.id}", *fields], client=pipe)
            return [bool(found) for found in pipe.execute()]

    def get(self, event: str, mail: str) -> MailRecord | None:
        return _record(_texts(self.client.hgetall(record_key(event, mail))))

    def claim(self, event: str, mail: str) -> str:
        """'claimed' when the caller may send it now; otherwise the status that forbids it (or 'missing')."""
        return str(self._claim(keys=[record_key(event, mail)], args=[time.time()]))

    def settle(self, event: str, mail: str, status: str, **details: str) -> None:
        """Write how the try ended (sent, outbox, retrying, failed, skipped) with what was composed."""
        if status not in STATUSES:
            raise ValueError(f"unknown mail status {status!r}")
        fields = {"status": status, "updated_at": str(time.time()), **details}
        self._settle(keys=[record_key(event, mail)], args=[x for pair in fields.items() for x in pair])

    def due(self, now: float, count: int = 200) -> list[tuple[str, str]]:
        """Mails that may be handed to a worker now, as (event, mail)."""
        members = [str(m) for m in self.client.zrangebyscore(PENDING, "-inf", now, start=0, num=count)]
        return [(m.split(" ", 1)[0], m.split(" ", 1)[1]) for m in members if " " in m]

    def handed(self, event: str, mail: str) -> None:
        self.client.zrem(PENDING, f"{event} {mail}")

    def page(self, event: str, start: int, count: int) -> tuple[list[MailRecord], int]:
        """Newest first; and how many are listed in all."""
        ids = [str(i) for i in self.client.lrange(list_key(event), start, start + count - 1)]
        with self.client.pipeline(transaction=False) as pipe:
            for mail in ids:
                pipe.hgetall(record_key(event, mail))
            found = [_record(_texts(raw)) for raw in pipe.execute()]
        return [r for r in found if r is not None], int(self.client.llen(list_key(event)))

    def preferences(self, event: str, attendee: str) -> dict[str, Any]:
        raw = self.client.get(prefs_key(event, attendee))
        return json.loads(raw) if raw else {}

    def opted_out(self, event: str, attendees: list[str]) -> set[str]:
        """Which of `attendees` stopped their mails, in one round trip."""
        found = self.client.mget([prefs_key(event, a) for a in attendees]) if attendees else []
        return {a for a, raw in zip(attendees, found, strict=True) if raw and json.loads(raw).get("opted_out") is True}

    def set_preferences(self, event: str, attendee: str, prefs: dict[str, Any]) -> None:
        self.client.set(prefs_key(event, attendee), json.dumps(prefs, separators=(",", ":")))

    def first_of_day(self, event: str, day: str) -> bool:
        """True once per event and day (the day's agenda mails are queued then), False after."""
        return bool(self.client.set(keys.record(event, "maildaily", day), "1", nx=True, ex=3 * 24 * 3600))
