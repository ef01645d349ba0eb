"""Live event streams: one bounded Redis Stream per attendee and per organizer view, plus the shared bus.

Each notification is appended to its target stream (the replay log a reconnecting client reads from) and,
in the same Lua call, a batch of them becomes one entry of `forum:bus` (field `b`: a JSON list of
[stream, entry id, payload]), which every web process tails with one XREAD to fan out to sockets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import redis
import redis.asyncio as aioredis

from forum.store import keys

BUS = f"{keys.PREFIX}:bus"
STREAM_KEEP = 100  # entries per attendee/organizer stream (trimming keeps 100-200): replay for a flaky phone
STREAM_TTL = 3 * 24 * 3600  # an attendee who hears nothing for three days starts from a refresh anyway
BUS_KEEP = 10_000  # batches: the bus only bridges a few seconds of web-process lag
CHUNK = 500  # notifications per Lua call, so one publish never blocks Redis for long
_ENTRY_ID = re.compile(r"[0-9]{1,20}(-[0-9]{1,20})?")

_NOTIFY = """
local ids, batch = {}, {}
for i = 2, #KEYS do
  local id = redis.call('XADD', KEYS[i], 'MAXLEN', '~', ARGV[1], '*', 'd', ARGV[i + 2])
  redis.call('EXPIRE', KEYS[i], ARGV[3])
  ids[#ids + 1] = id
  batch[#batch + 1] = {KEYS[i], id, ARGV[i + 2]}
end
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'b', cjson.encode(batch))
return ids
"""


def attendee_stream(event: str, attendee: str) -> str:
    return keys.record(event, "stream", f"attendee:{attendee}")


def organizer_stream(event: str) -> str:
    return keys.record(event, "stream", "organizer")


def entry_key(entry_id: str) -> tuple[int, int]:
    """Order of stream ids ('1700000000000-3'); ValueError when malformed (client input goes through here)."""
    if not _ENTRY_ID.fullmatch(entry_id):
        raise ValueError(f"not a stream entry id: {entry_id[:40]!r}")
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


def entry_text(key: tuple[int, int]) -> str:
    return f"{key[0]}-{key[1]}"


@dataclass(frozen=True)
class Note:
    stream: str
    data: dict[str, Any]


class Streams:
    """The writing side, used by services in web requests and workers."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._notify = client.register_script(_NOTIFY)

    def send(self, notes: Sequence[Note]) -> list[str]:
        """Append every note to its stream and to the bus; returns the stream entry ids."""
        with self.client.pipeline(transaction=False) as pipe:  # Valkey runs one chunk while we pack the next
            for i in range(0, len(notes), CHUNK):
                part = notes[i : i + CHUNK]
                payloads = [json.dumps(n.data, separators=(",", ":"), ensure_ascii=False) for n in part]
                self._notify(keys=[BUS, *[n.stream for n in part]],
                             args=[STREAM_KEEP, BUS_KEEP, STREAM_TTL, *payloads], client=pipe)
            found = pipe.execute()
        return [str(x) for ids in found for x in ids]

    def latest(self, stream: str) -> str:
        last = self.client.xrevrange(stream, count=1)
        return str(last[0][0]) if last else "0-0"


@dataclass(frozen=True)
class Replay:
    entries: list[tuple[str, str]]  # (entry id, payload JSON)
    complete: bool  # False: entries were trimmed or too many were missed; the client must refresh


class LiveStreams:
    """The reading side for web processes (asyncio): tail the bus, replay one stream."""

    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client

    async def bus_position(self) -> str:
        last = await self.client.xrevrange(BUS, count=1)
        return str(last[0][0]) if last else "0-0"

    async def read_bus(self, after: str, block_ms: int, count: int = 100) -> list[tuple[str, list[list[str]]]]:
        """Bus entries after `after`: (entry id, [[stream, stream entry id, payload JSON], ...])."""
        found: Any = await self.client.xread({BUS: after}, count=count, block=block_ms)
        if not found:
            return []
        return [(str(i), json.loads(fields["b"])) for _, entries in found for i, fields in entries]

    async def latest(self, stream: str) -> str:
        last = await self.client.xrevrange(stream, count=1)
        return str(last[0][0]) if last else "0-0"

    async def replay(self, stream: str, after: str, limit: int) -> Replay:
        try:
            since = entry_key(after)
        except ValueError:
            return Replay([], False)
        if await self._trimmed_after(stream, since):
            return Replay([], False)
        found: Any = await self.client.xrange(stream, min=f"({entry_text(since)}", max="+", count=limit + 1)
        entries = [(str(i), str(fields["d"])) for i, fields in found]
        return Replay(entries[:limit], len(entries) <= limit)

    async def _trimmed_after(self, stream: str, since: tuple[int, int]) -> bool:
        """Whether entries newer than `since` may have been trimmed away (the stream starts after it)."""
        try:
            info: Any = await self.client.xinfo_stream(stream)
        except redis.ResponseError:  # no such stream: never written, or expired with what the client missed
            return since > (0, 0)
        if int(info.get("entries-added", 0)) <= int(info.get("length", 0)):
            return False
        first = info.get("first-entry")
        return first is not None and entry_key(str(first[0])) > since
