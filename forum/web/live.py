"""Live push: `/ws/{event}` websockets fed by one bus reader per web process, with replay on reconnect.

Frames are JSON text; see forum/web/static/live.js for the message format. Each socket has a bounded queue:
a client too slow to drain it is dropped (close code 4008) and reconnects with its last id to catch up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from forum.config import Settings
from forum.services.connections import StoreError
from forum.services.live import LiveFeed, attendee_stream, entry_key, entry_text, organizer_stream
from forum.web import metrics
from forum.web.auth import origin_allowed, viewer_of
from forum.web.calls import settings_of

log = logging.getLogger("forum.live")
QUEUE_SIZE = 64  # frames waiting per socket before it counts as too slow
REPLAY_MAX = 100  # missed entries replayed; beyond that the client is told to refresh
PING_EVERY = 30  # app-level keepalive for idle sockets, so phones notice a dead connection (live.js waits 75 s)
BLOCK_MS = 5000
RETRY_EVERY = 1.0  # seconds between attempts to reach the bus while the store is down
CLOSE_WAIT = 2.0
SLOW, UNSIGNED, REFUSED, TRY_LATER = 4008, 4401, 4403, 1013

Frame = tuple[tuple[int, int] | None, str]  # (entry order or None for pings, JSON text)
PING: Frame = (None, '{"type":"ping"}')


def frame(entry_id: str, payload: str) -> str:
    """Put the entry id into the stored JSON object without parsing it (once per entry, not per socket)."""
    body = payload.strip()
    return f'{{"id":"{entry_id}"' + ("}" if body == "{}" else "," + body[1:])


class Subscriber:
    __slots__ = ("queue", "sender", "lost", "last_sent")

    def __init__(self) -> None:
        self.queue: asyncio.Queue[Frame | None] = asyncio.Queue(QUEUE_SIZE)
        self.sender: asyncio.Task[None] | None = None
        self.lost = False  # a frame did not fit: the client must reconnect and replay
        self.last_sent = asyncio.get_running_loop().time()

    def offer(self, item: Frame) -> bool:
        try:
            self.queue.put_nowait(item)
            return True
        except asyncio.QueueFull:
            self.lost = True
            return False


class Hub:
    """One bus reader per process, fanning entries out to the sockets subscribed to each stream."""

    def __init__(self, redis_url: str) -> None:
        self.streams = LiveFeed(redis_url)
        self.subscribers: dict[str, set[Subscriber]] = defaultdict(set)
        self.dropped = 0
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        position = await self.streams.bus_position()
        self._tasks = [asyncio.create_task(self._run(position)), asyncio.create_task(self._ping())]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.streams.close()

    def add(self, stream: str, sub: Subscriber) -> None:
        self.subscribers[stream].add(sub)

    def remove(self, stream: str, sub: Subscriber) -> None:
        subs = self.subscribers.get(stream)
        if subs is not None:
            subs.discard(sub)
            if not subs:
                del self.subscribers[stream]

    async def _run(self, position: str) -> None:
        lost_at: float | None = None  # one log line when the store goes away and one when it is back, not one a try
        while True:
            try:
                entries = await self.streams.read_bus(position, BLOCK_MS)
            except (StoreError, OSError) as exc:
                if lost_at is None:
                    lost_at = time.monotonic()
                    log.warning("live bus unreachable, retrying every %.0f s: %s", RETRY_EVERY, exc)
                await asyncio.sleep(RETRY_EVERY)
                continue
            if lost_at is not None:
                log.info("live bus reachable again after %.0f s", time.monotonic() - lost_at)
                lost_at = None
            for entry_id, batch in entries:
                position = entry_id
                for stream, stream_id, payload in batch:
                    self._deliver(stream, stream_id, payload)

    async def _ping(self) -> None:
        """One timer for all sockets, spread over the interval: each second pings the idle sockets of one
        thirtieth of the streams (a burst to 10,000 sockets at once would delay real news by seconds)."""
        tick = 0
        while True:
            await asyncio.sleep(1)
            tick = (tick + 1) % PING_EVERY
            quiet_since = asyncio.get_running_loop().time() - PING_EVERY
            for stream, subs in list(self.subscribers.items()):
                if hash(stream) % PING_EVERY == tick:
                    self.offer({s for s in subs if s.last_sent < quiet_since}, PING)

    def _deliver(self, stream: str, entry_id: str, payload: str) -> None:
        subs = self.subscribers.get(stream)
        if not subs:
            return
        item = (entry_key(entry_id), frame(entry_id, payload))
        self.offer(subs, item)

    def offer(self, subs: set[Subscriber], item: Frame) -> None:
        for sub in list(subs):
            if not sub.offer(item):
                self.dropped += 1
                if sub.sender is not None:
                    sub.sender.cancel()  # too slow: it may be stuck in a send, so cancel rather than signal


async def _admit(ws: WebSocket, settings: Settings) -> str | None:
    """The stream this socket may follow, or None after refusing it (before accept: the client sees 403)."""
    event = ws.path_params["event"]
    viewer = await viewer_of(ws) if origin_allowed(ws, settings) else None
    if viewer is None or viewer.event != event:
        await ws.close(code=UNSIGNED if viewer is None else REFUSED)
        return None
    if ws.query_params.get("view") == "organizer":
        if not viewer.is_organizer:
            await ws.close(code=REFUSED)
            return None
        return organizer_stream(event)
    return attendee_stream(event, viewer.attendee)


async def _catch_up(ws: WebSocket, hub: Hub, stream: str, last: str | None) -> tuple[int, int]:
    """Send what the client missed (or tell it to refresh); returns the position live frames continue from."""
    latest = await hub.streams.latest(stream)
    if not last:
        await ws.send_text(f'{{"type":"hello","id":"{latest}","replayed":0}}')
        return entry_key(latest)
    replay = await hub.streams.replay(stream, last, REPLAY_MAX)
    if not replay.complete:
        await ws.send_text(f'{{"type":"refresh","id":"{latest}","reason":"too far behind"}}')
        return entry_key(latest)
    for replayed_id, payload in replay.entries:
        await ws.send_text(frame(replayed_id, payload))
    position = entry_key(replay.entries[-1][0] if replay.entries else last)  # a complete replay checked `last`
    await ws.send_text(f'{{"type":"hello","id":"{entry_text(position)}","replayed":{len(replay.entries)}}}')
    return position


async def _send_loop(ws: WebSocket, sub: Subscriber, position: tuple[int, int]) -> None:
    loop = asyncio.get_running_loop()
    while (item := await sub.queue.get()) is not None:
        order, text = item
        if order is not None and order <= position:  # already sent by the replay
            continue
        position = order or position
        await ws.send_text(text)
        sub.last_sent = loop.time()
        if order is not None:
            metrics.pushed(order[0])


async def _receive_loop(ws: WebSocket) -> None:
    """Clients send nothing we need; reading is how a close or a dead peer is noticed."""
    with contextlib.suppress(WebSocketDisconnect):
        while (await ws.receive())["type"] != "websocket.disconnect":
            pass


async def live_socket(ws: WebSocket) -> None:
    try:
        stream = await _admit(ws, settings_of(ws))
    except StoreError:  # no session check while the store is down; live.js retries with backoff
        await ws.close(code=TRY_LATER)
        return
    if stream is None:
        return
    hub: Hub = ws.app.state.hub
    await ws.accept()
    sub = Subscriber()
    hub.add(stream, sub)  # before the replay query, so nothing falls between replay and live
    metrics.SOCKETS.inc()
    receiver = asyncio.create_task(_receive_loop(ws))
    try:
        position = await _catch_up(ws, hub, stream, ws.query_params.get("last"))
        if sub.lost:
            raise RuntimeError("overflowed during catch-up")
        sub.sender = asyncio.create_task(_send_loop(ws, sub, position))
        await asyncio.wait({receiver, sub.sender}, return_when=asyncio.FIRST_COMPLETED)
    except (WebSocketDisconnect, OSError, RuntimeError, StoreError):
        pass  # the client reconnects (with backoff) and catches up from its last id
    finally:
        metrics.SOCKETS.dec()
        hub.remove(stream, sub)
        slow = sub.lost
        for task in (receiver, sub.sender):
            if task is not None:
                task.cancel()
        await _close(ws, SLOW if slow else 1000)


async def _close(ws: WebSocket, code: int) -> None:
    """Close politely, but never wait long: a slow client's buffer may never drain (uvicorn then aborts)."""
    if ws.application_state is WebSocketState.CONNECTED and ws.client_state is WebSocketState.CONNECTED:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(ws.close(code=code), CLOSE_WAIT)


async def start_live(app: Starlette, redis_url: str) -> None:
    app.state.hub = Hub(redis_url)
    await app.state.hub.start()


async def stop_live(app: Starlette) -> None:
    await app.state.hub.stop()


routes = [WebSocketRoute("/ws/{event}", live_socket, name="live")]
