"""`/ws/{event}` on a real uvicorn: cookie and Origin checks, live frames, replay on reconnect, refresh."""

from __future__ import annotations

import base64
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from forum.domain import Attendee
from forum.launcher.valkey import EmbeddedValkey
from forum.services import notify
from forum.services.signin.access import create_session
from forum.store import EventStore
from forum.store.streams import STREAM_KEEP
from forum.web.auth import SESSION_COOKIE
from tests.factories import tiny_instance
from tests.live import WebProcess, start_web


@pytest.fixture(scope="module")
def server(valkey_server: EmbeddedValkey, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebProcess]:
    """One uvicorn for the module: it outlives the flushes between tests (its bus reader just carries on)."""
    process = start_web(valkey_server.url, Path(tmp_path_factory.mktemp("live")))
    yield process
    process.stop()


@pytest.fixture
def web(server: WebProcess, store: EventStore) -> WebProcess:
    inst = tiny_instance()
    organizer = Attendee("o1", "Olga Organizer", role="organizer")
    store.import_instance(replace(inst, attendees=(*inst.attendees, organizer)))
    return server


def open_socket(web: WebProcess, store: EventStore, who: str | None, query: str = "",
                origin: str | None = None) -> ClientConnection:
    headers = {"Origin": origin or web.url}
    if who is not None:
        headers["Cookie"] = f"{SESSION_COOKIE}={create_session(store.client, 'tiny', who)}"
    url = web.url.replace("http://", "ws://") + "/ws/tiny" + query
    return connect(url, additional_headers=headers, open_timeout=10, compression=None)


def receive(ws: ClientConnection) -> dict[str, Any]:
    return dict(json.loads(ws.recv(timeout=10)))


def test_live_socket_without_session_refused(web: WebProcess, store: EventStore) -> None:
    with pytest.raises(InvalidStatus) as refused:
        open_socket(web, store, None)
    assert refused.value.response.status_code == 403


def test_live_socket_from_foreign_origin_refused(web: WebProcess, store: EventStore) -> None:
    with pytest.raises(InvalidStatus):
        open_socket(web, store, "a2", origin="https://evil.example")


def test_live_socket_organizer_view_refused_to_attendee(web: WebProcess, store: EventStore) -> None:
    with pytest.raises(InvalidStatus):
        open_socket(web, store, "a2", "?view=organizer")


def test_live_socket_organizer_view_refused_after_demotion(web: WebProcess, store: EventStore) -> None:
    cookie = create_session(store.client, "tiny", "o1")  # signed in while an organizer
    people = store.entities("tiny", Attendee)
    people.put(replace(people.get("o1"), role="buyer"))
    url = web.url.replace("http://", "ws://") + "/ws/tiny?view=organizer"
    with pytest.raises(InvalidStatus):
        connect(url, additional_headers={"Origin": web.url, "Cookie": f"{SESSION_COOKIE}={cookie}"},
                open_timeout=10, compression=None)


def test_live_socket_delivers_only_own_notifications(web: WebProcess, store: EventStore) -> None:
    with open_socket(web, store, "a2") as ws:
        assert receive(ws)["type"] == "hello"
        notify.to_attendees(store.client, "tiny", {"a1": {"type": "x", "for": "a1"}, "a2": {"type": "x", "for": "a2"}})
        got = receive(ws)
        assert got["for"] == "a2" and got["id"]


def test_live_socket_organizer_view_gets_organizer_stream(web: WebProcess, store: EventStore) -> None:
    with open_socket(web, store, "o1", "?view=organizer") as ws:
        receive(ws)
        notify.to_organizers(store.client, "tiny", {"type": "run.progress", "value": 7})
        assert receive(ws)["value"] == 7


def test_live_socket_reconnect_with_last_id_replays_missed(web: WebProcess, store: EventStore) -> None:
    with open_socket(web, store, "a2") as ws:
        last = receive(ws)["id"]
    for n in range(3):
        notify.to_attendees(store.client, "tiny", {"a2": {"type": "x", "n": n}})
    with open_socket(web, store, "a2", f"?last={last}") as ws:
        frames = [receive(ws) for _ in range(4)]
    assert [f.get("n") for f in frames[:3]] == [0, 1, 2]
    assert frames[3] == {"type": "hello", "id": frames[2]["id"], "replayed": 3}


def test_live_socket_reconnect_too_far_behind_gets_refresh(web: WebProcess, store: EventStore) -> None:
    with open_socket(web, store, "a2") as ws:
        last = receive(ws)["id"]
    for n in range(STREAM_KEEP * 3):
        notify.to_attendees(store.client, "tiny", {"a2": {"type": "x", "n": n}})
    with open_socket(web, store, "a2", f"?last={last}") as ws:
        assert receive(ws)["type"] == "refresh"


def raw_reader(web: WebProcess, store: EventStore, who: str) -> socket.socket:
    """A websocket that shakes hands and then never reads, with a tiny receive window: a stalled phone."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    host, port = web.url.removeprefix("http://").split(":")
    sock.connect((host, int(port)))
    cookie = create_session(store.client, "tiny", who)
    sock.sendall((f"GET /ws/tiny HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\nSec-WebSocket-Version: 13\r\n"
                  f"Origin: {web.url}\r\nCookie: {SESSION_COOKIE}={cookie}\r\n\r\n").encode())
    head = b""
    while not head.endswith(b"\r\n\r\n"):  # byte by byte, so no frame is read with the headers
        head += sock.recv(1)
    assert head.startswith(b"HTTP/1.1 101")
    return sock


def test_live_socket_slow_client_dropped_without_stalling_others(web: WebProcess, store: EventStore) -> None:
    stalled = raw_reader(web, store, "a2")
    with open_socket(web, store, "a1") as healthy:
        receive(healthy)
        filler = "x" * 32_000
        for _ in range(300):  # ~10 MB for a2: more than the kernel buffers, uvicorn's and our queue hold
            notify.to_attendees(store.client, "tiny", {"a2": {"type": "x", "filler": filler}})
        notify.to_attendees(store.client, "tiny", {"a1": {"type": "x", "for": "a1"}})
        assert receive(healthy)["for"] == "a1"
    stalled.settimeout(30)
    assert close_code(stalled) == 4008  # told it was too slow; live.js reconnects at once and replays
    stalled.close()


def close_code(sock: socket.socket) -> int:
    """Read server frames (unmasked) until the close frame; return its status code."""
    buffer = b""

    def need(n: int) -> None:
        nonlocal buffer
        while len(buffer) < n:
            chunk = sock.recv(1 << 20)
            assert chunk, "connection ended without a close frame"
            buffer += chunk

    while True:
        need(2)
        size, start = buffer[1] & 0x7F, 2
        if size >= 126:
            start = 4 if size == 126 else 10
            need(start)
            size = int.from_bytes(buffer[2:start], "big")
        need(start + size)
        if buffer[0] & 0x0F == 8:
            return int.from_bytes(buffer[start : start + 2], "big")
        buffer = buffer[start + size :]


def test_live_socket_garbage_last_id_gets_refresh(web: WebProcess, store: EventStore) -> None:
    with open_socket(web, store, "a2", "?last=" + quote('1-2","type":"x')) as ws:
        assert receive(ws) == {"type": "refresh", "id": "0-0", "reason": "too far behind"}
