"""Logical copies of one event's stored keys (`forum-backup/1`): read them in one MULTI, put them back in one."""

from __future__ import annotations

import re
from typing import Any

import redis

from forum.domain.event import Event
from forum.errors import Conflict, FormatError, NotFound
from forum.store import keys
from forum.store.codec import codec_of, stored_types
from forum.store.connection import Pipeline, commit, watch
from forum.store.requests import forgotten_key
from forum.store.runs import active_key

BACKUP_FORMAT = "forum-backup/1"
ATTEMPTS = 10
CHUNK = 1000
# Not carried: sign-ins and sessions (a restore signs everyone out), counters and flags that expire within
# minutes, live replay streams, a run's claim and signals (no run survives a restore), and the requests-by-
# person index (rebuilt from the wishes on the next read).
SKIPPED = frozenset({
    "session", "attendee_sessions", "signin", "signin_failures", "rate", "ratelimit", "stream", "active",
    "stop", "heartbeat", "pending", "wishes_sent", "wishes_received", "wishes_by_person",
})
TYPES = ("string", "set", "list", "hash", "zset")
_KIND = re.compile(r"[a-z_]{1,40}")
_EVENT = re.compile(r"[A-Za-z0-9_.-]{1,200}")
_CODECS = {codec_of(c).kind: codec_of(c) for c in stored_types()}


def _kind(name: str) -> str:
    return name.split(":", 1)[0]


def _read(pipe: Pipeline, kind: str, key: str) -> None:
    """Queue the read of one key of type `kind`, then its time to live."""
    if kind == "string":
        pipe.get(key)
    elif kind == "set":
        pipe.smembers(key)
    elif kind == "list":
        pipe.lrange(key, 0, -1)
    elif kind == "hash":
        pipe.hgetall(key)
    else:
        pipe.zrange(key, 0, -1, withscores=True)
    pipe.pttl(key)


def _portable(kind: str, value: Any) -> Any:
    if kind == "set":
        return sorted(value)
    if kind == "zset":
        return [[member, score] for member, score in value]
    return value


def dump_event(client: redis.Redis, event: str) -> dict[str, Any]:
    """Every carried key of `event` with its value and time to live, read in one MULTI (one instant)."""
    if not client.exists(keys.event_record(event)):
        raise NotFound(f"no event {event!r}")
    prefix = f"{keys.PREFIX}:{event}:"
    names = sorted(str(k)[len(prefix):] for k in client.scan_iter(match=keys.event_pattern(event), count=CHUNK))
    names = [n for n in names if _kind(n) not in SKIPPED]
    with client.pipeline(transaction=False) as pipe:
        for name in names:
            pipe.type(prefix + name)
        kinds = [str(t) for t in pipe.execute()]
    with client.pipeline(transaction=True) as pipe:
        kept = [(n, k) for n, k in zip(names, kinds, strict=True) if k in TYPES]  # "none": gone since the scan
        for name, kind in kept:
            _read(pipe, kind, prefix + name)
        found = pipe.execute()
    records = []
    for i, (name, kind) in enumerate(kept):
        value, ttl = found[2 * i], int(found[2 * i + 1])
        if ttl == -2:  # expired between the scan and the read
            continue
        records.append({"key": name, "type": kind, "value": _portable(kind, value), "ttl_ms": ttl if ttl > 0 else None})
    return {"format": BACKUP_FORMAT, "schema": keys.SCHEMA_VERSION, "event": event, "records": records}


def parse_backup(doc: Any) -> tuple[str, list[dict[str, Any]]]:
    """The event id and checked records of a backup document; FormatError naming the first bad field."""
    if not isinstance(doc, dict):
        raise FormatError("document", f"must be a {BACKUP_FORMAT} object")
    if doc.get("format") != BACKUP_FORMAT:
        raise FormatError("format", f"expected {BACKUP_FORMAT!r}, got {doc.get('format')!r}: not a forum backup "
                                    "of this version")
    if doc.get("schema") != keys.SCHEMA_VERSION:
        raise FormatError("schema", f"the backup was taken from store schema {doc.get('schema')!r}, "
                                    f"this forum needs {keys.SCHEMA_VERSION!r}")
    event = doc.get("event")
    if not isinstance(event, str) or not _EVENT.fullmatch(event):
        raise FormatError("event", "must be an event id (letters, digits, '-', '_' and '.')")
    records = doc.get("records")
    if not isinstance(records, list):
        raise FormatError("records", "must be a list")
    checked = [_record(r, f"records[{i}]") for i, r in enumerate(records)]
    if not any(r["key"] == f"event:{event}" for r in checked):
        raise FormatError("records", f"the event record 'event:{event}' is missing")
    if len({r["key"] for r in checked}) != len(checked):
        raise FormatError("records", "a key appears twice")
    return event, checked


def _record(rec: Any, path: str) -> dict[str, Any]:
    if not isinstance(rec, dict):
        raise FormatError(path, "must be an object")
    name, kind, value, ttl = rec.get("key"), rec.get("type"), rec.get("value"), rec.get("ttl_ms")
    if not isinstance(name, str) or ":" not in name or not _KIND.fullmatch(_kind(name)) or len(name) > 1000:
        raise FormatError(f"{path}.key", "must be '<kind>:<id>' with a lower-case kind")
    if _kind(name) in SKIPPED:
        raise FormatError(f"{path}.key", f"{_kind(name)!r} records are never part of a backup")
    if kind not in TYPES:
        raise FormatError(f"{path}.type", f"must be one of {', '.join(TYPES)}")
    if ttl is not None and (not isinstance(ttl, int) or isinstance(ttl, bool) or ttl <= 0):
        raise FormatError(f"{path}.ttl_ms", "must be a positive whole number or null")
    if not _value_ok(kind, value):
        raise FormatError(f"{path}.value", f"is not a {kind} value")
    codec = _CODECS.get(_kind(name))
    if kind == "string" and codec is not None:
        try:
            codec.decode(str(value))
        except Exception as exc:  # whatever a bad record raises, the file is refused naming it
            raise FormatError(f"{path}.value", f"is not a valid {codec.kind} record ({exc})") from None
    return {"key": name, "type": kind, "value": value, "ttl_ms": ttl}


def _value_ok(kind: str, value: Any) -> bool:
    strings = isinstance(value, list) and all(isinstance(x, str) for x in value)
    if kind == "string":
        return isinstance(value, str)
    if kind == "hash":
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    if kind == "zset":
        return isinstance(value, list) and all(
            isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) and isinstance(x[1], (int, float))
            and not isinstance(x[1], bool) for x in value)
    return strings and (kind == "list" or len(set(value)) == len(value))


def restore_event(client: redis.Redis, event: str, records: list[dict[str, Any]]) -> Event:
    """Replace `event` with `records` in one MULTI/EXEC (returns once on disk); Conflict while a run is active."""
    for _ in range(ATTEMPTS):
        with client.pipeline(transaction=True) as pipe:
            try:
                watch(pipe, active_key(event))
                if pipe.get(active_key(event)) is not None:
                    raise Conflict("a solver run is active: cancel it or let it finish before restoring")
                stale = [str(k) for k in client.scan_iter(match=keys.event_pattern(event), count=CHUNK)]
                pipe.multi()
                _stage(pipe, event, stale, records)
                commit(client, pipe)
                return codec_of(Event).decode(next(r["value"] for r in records if r["key"] == f"event:{event}"))
            except redis.WatchError:
                continue
    raise Conflict("the event kept changing while restoring; please try again")


def _stage(pipe: Pipeline, event: str, stale: list[str], records: list[dict[str, Any]]) -> None:
    for i in range(0, len(stale), CHUNK):
        pipe.delete(*stale[i : i + CHUNK])
    prefix = f"{keys.PREFIX}:{event}:"
    for rec in records:
        key, value = prefix + rec["key"], rec["value"]
        if rec["type"] == "string":
            pipe.set(key, value)
        elif not value:  # Redis keeps no empty collection
            continue
        elif rec["type"] == "set":
            pipe.sadd(key, *value)
        elif rec["type"] == "list":
            pipe.rpush(key, *value)
        elif rec["type"] == "hash":
            pipe.hset(key, mapping=value)
        else:
            pipe.zadd(key, {member: score for member, score in value})
        if rec["ttl_ms"] is not None:
            pipe.pexpire(key, rec["ttl_ms"])
    pipe.incr(forgotten_key(event))  # a requests-by-person index being built from the old wishes is thrown away
    pipe.sadd(keys.EVENTS, event)
