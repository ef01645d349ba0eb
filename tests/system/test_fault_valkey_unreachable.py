"""Valkey stopped under a running web process: clear 503s, one log line each way, and recovery without a restart."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from forum.services import notify
from forum.store import EventStore
from forum.store import connect as store_connect
from forum.web.auth import SESSION_COOKIE
from tests.live import WebProcess, start_web
from tests.system.faults import OwnValkey, market, signed_in
from tests.waiting import wait_for

EVENT = "fault-down"
LOST, BACK = "live bus unreachable", "live bus reachable again"
IDLE_TRIES = 5  # the bus reader's attempts to reach the store, counted while nothing else asks for it

pytestmark = pytest.mark.fault


def phone(web: WebProcess, cookie: str) -> ClientConnection:
    return connect(web.url.replace("http://", "ws://") + f"/ws/{EVENT}", compression=None, open_timeout=10,
                   additional_headers={"Origin": web.url, "Cookie": f"{SESSION_COOKIE}={cookie}"})


def frame_of(ws: ClientConnection, kind: str) -> dict[str, Any]:
    while True:
        found: dict[str, Any] = json.loads(ws.recv(timeout=30))
        if found["type"] == kind:
            return found


def lines(web: WebProcess, text: str) -> int:
    return sum(text in line for line in web.log.read_text(errors="replace").splitlines())


@contextmanager
def knocks_counted(port: int) -> Iterator[list[int]]:
    """While the store is down, a listener on its port that hangs up on whoever knocks and counts them."""
    knocks = [0]
    listener = socket.create_server(("127.0.0.1", port))
    listener.settimeout(0.2)
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.close()
            knocks[0] += 1

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield knocks
    finally:
        done.set()
        thread.join(5)
        listener.close()


def check_refusals(http: httpx.Client, web: WebProcess, cookie: str, csrf: str) -> None:
    """Pages, forms, the JSON API and new sockets all say the store is down, in a sentence."""
    pages = [http.get(f"/e/{EVENT}/agenda"), http.get("/"),
             http.post(f"/e/{EVENT}/meetings/w0-0/answer", data={"csrf": csrf, "decision": "accept"})]
    assert [r.status_code for r in pages] == [503, 503, 503]
    assert all("unavailable right now; please try again" in r.text for r in pages)
    api = http.get(f"/api/events/{EVENT}/runs")
    assert api.status_code == 503 and "unavailable" in api.json()["error"]
    with pytest.raises(InvalidStatus):  # refused at the handshake; live.js tries again with backoff
        phone(web, cookie)


def test_fault_valkey_stopped_pages_answer_503_and_recover_without_restart(own_valkey: OwnValkey,
                                                                           tmp_path: Path) -> None:
    store = EventStore(store_connect(own_valkey.url))
    store.import_instance(market(EVENT, 2, 2))
    cookie, csrf = signed_in(store.client, EVENT, "b0")
    web = start_web(own_valkey.url, tmp_path)
    try:
        with httpx.Client(base_url=web.url, cookies={SESSION_COOKIE: cookie}, timeout=30) as http, \
                phone(web, cookie) as ws:
            frame_of(ws, "hello")
            assert http.get(f"/e/{EVENT}/agenda").status_code == 200
            own_valkey.stop()  # a clean stop: its AOF is complete
            check_refusals(http, web, cookie, csrf)
            wait_for(lambda: lines(web, LOST) == 1, 30, "the bus reader logging the loss")
            with knocks_counted(own_valkey.port) as knocks:
                wait_for(lambda: knocks[0] >= IDLE_TRIES, 60, "the idle bus reader trying again")
            assert lines(web, LOST) == 1  # once, however many tries
            own_valkey.start()
            wait_for(lambda: http.get(f"/e/{EVENT}/agenda").status_code == 200, 30, "pages served again", 0.2)
            wait_for(lambda: lines(web, BACK) == 1, 30, "the bus reader logging its recovery")
            notify.tell(EventStore(store_connect(own_valkey.url)).client, EVENT, ["b0"], {"type": "test.back"})
            assert frame_of(ws, "test.back")["id"]  # the socket opened before the outage is live again
        assert web.process.poll() is None
        assert (lines(web, LOST), lines(web, BACK), lines(web, "Traceback")) == (1, 1, 0)
    finally:
        web.stop()
