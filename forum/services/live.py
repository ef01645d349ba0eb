"""Live push for web processes: the stream a viewer follows, tailing the shared bus, replaying missed entries."""

from __future__ import annotations

from forum.store.connection import async_clients
from forum.store.streams import LiveStreams, Replay, attendee_stream, entry_key, entry_text, organizer_stream

__all__ = ["LiveFeed", "Replay", "attendee_stream", "entry_key", "entry_text", "organizer_stream"]

BusEntries = list[tuple[str, list[list[str]]]]  # (bus entry id, [[stream, stream entry id, payload JSON], ...])


class LiveFeed:
    """One web process's asyncio connection to the live streams.

    The bus tail blocks its connection for seconds at a time, so it gets a client of its own; replays and
    positions for sockets share a bounded pool.
    """

    def __init__(self, url: str) -> None:
        reader, pooled = async_clients(url)
        self._bus, self._streams = LiveStreams(reader), LiveStreams(pooled)
        self._clients = (reader, pooled)

    async def bus_position(self) -> str:
        return await self._bus.bus_position()

    async def read_bus(self, after: str, block_ms: int) -> BusEntries:
        return await self._bus.read_bus(after, block_ms)

    async def latest(self, stream: str) -> str:
        return await self._streams.latest(stream)

    async def replay(self, stream: str, after: str, limit: int) -> Replay:
        return await self._streams.replay(stream, after, limit)

    async def close(self) -> None:
        for client in self._clients:
            await client.aclose()
