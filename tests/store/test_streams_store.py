"""Live streams: notes land on their stream and the bus; replay gives what was missed or asks a refresh."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import redis.asyncio as aioredis

from forum.store import EventStore
from forum.store.streams import BUS, STREAM_KEEP, STREAM_TTL, LiveStreams, Note, Streams, attendee_stream


def run_async(test: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """Run in a fresh thread: the browser tests' Playwright keeps an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, test(*args)).result()


def test_send_appends_to_stream_and_bus(store: EventStore) -> None:
    stream = attendee_stream("tiny", "a1")
    ids = Streams(store.client).send([Note(stream, {"type": "x", "n": 1})])
    (entry,) = store.client.xrange(BUS)
    ((to, entry_id, payload),) = json.loads(entry[1]["b"])
    assert to == stream and entry_id == ids[0] and json.loads(payload)["n"] == 1
    assert store.client.xrange(stream)[0][0] == ids[0]


def test_replay_returns_entries_after_the_given_id(store: EventStore, redis_url: str) -> None:
    run_async(_replay_after, store, redis_url)


async def _replay_after(store: EventStore, redis_url: str) -> None:
    stream = attendee_stream("tiny", "a1")
    ids = Streams(store.client).send([Note(stream, {"n": i}) for i in range(5)])
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    try:
        replay = await LiveStreams(client).replay(stream, ids[1], limit=10)
        assert replay.complete and [json.loads(d)["n"] for _, d in replay.entries] == [2, 3, 4]
        assert not (await LiveStreams(client).replay(stream, ids[0], limit=2)).complete
        assert not (await LiveStreams(client).replay(stream, "garbage", limit=10)).complete
    finally:
        await client.aclose()


def test_replay_from_a_trimmed_id_asks_for_refresh(store: EventStore, redis_url: str) -> None:
    run_async(_replay_trimmed, store, redis_url)


async def _replay_trimmed(store: EventStore, redis_url: str) -> None:
    stream = attendee_stream("tiny", "a1")
    ids = Streams(store.client).send([Note(stream, {"n": i}) for i in range(STREAM_KEEP * 3)])
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    try:
        assert not (await LiveStreams(client).replay(stream, ids[0], limit=10_000)).complete
        assert (await LiveStreams(client).replay(stream, ids[-2], limit=10)).complete
    finally:
        await client.aclose()


def test_replay_of_an_expired_stream_asks_for_refresh(store: EventStore, redis_url: str) -> None:
    run_async(_replay_expired, store, redis_url)


async def _replay_expired(store: EventStore, redis_url: str) -> None:
    stream = attendee_stream("tiny", "a1")
    (last,) = Streams(store.client).send([Note(stream, {"n": 1})])
    assert 0 < store.client.ttl(stream) <= STREAM_TTL
    store.client.delete(stream)
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    try:
        assert not (await LiveStreams(client).replay(stream, last, limit=10)).complete
        assert (await LiveStreams(client).replay(stream, "0-0", limit=10)).complete  # a brand-new phone
    finally:
        await client.aclose()
