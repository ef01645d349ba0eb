"""`/ws/{event}` on a real uvicorn: cookie and Origin checks, live frames, replay on reconnect, refresh."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from forum.domain import Attendee
from forum.services import notify
from forum.services.signin import create_session
from forum.store import EventStore
from forum.store.streams import STREAM_KEEP
from forum.web.auth import SESSION_COOKIE
from tests.factories import tiny_instance
from tests.live import WebProcess, start_web


@pytest.fixture
def web(redis_url: str, store: EventStore, tmp_path: Path) -> Iterator[WebProcess]:
    inst = tiny_instance()
    organizer = Attendee("o1", "Olga Organizer", role="organizer")
    store.import_instance(replace(inst, attendees=(*inst.attendees, organizer)))
    server = start_web(redis_url, tmp_path)
    yield server
    server.stop()


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
