"""What the fault tests share: a Valkey of their own to kill and restart, a market of proposed meetings, sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import redis

from forum.domain import Attendee, Event, Instance, Location, Placement, Slot, Window, Wish
from forum.launcher.valkey import EmbeddedValkey
from forum.services.signin.access import create_session
from forum.services.signin.sessions import session_of
from forum.store.connection import Client

DAY = datetime(2026, 3, 24, 9, 0)


@dataclass
class OwnValkey:
    """A valkey-server (AOF on) that a test may kill -9 and restart from its AOF on the same port and directory."""

    data_dir: Path
    server: EmbeddedValkey | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> OwnValkey:
        self.server = EmbeddedValkey(self.data_dir, port=self.port).start()
        self.port = self.server.port
        return self

    def kill(self) -> None:
        """kill -9: no shutdown, no last AOF flush."""
        assert self.server is not None and self.server.process is not None
        self.server.process.kill()
        self.server.process.wait(10)
        self.server = None

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


def on_disk(url: str) -> None:
    """Everything written so far is in the AOF on disk: a marker written after it, then WAITAOF on that connection
    (the AOF is sequential, so the marker being fsynced means everything before it is)."""
    client = redis.Redis.from_url(url, single_connection_client=True)
    try:
        client.incr("forum:test:on-disk")
        assert client.waitaof(1, 0, 5000)[0] == 1
    finally:
        client.close()


def market(event: str, buyers: int, slots: int) -> Instance:
    """`buyers` buyers, as many producers, one table per buyer; every buyer has a proposed meeting in every slot.

    Producer p meets buyer (p - s) mod n in slot s, so nobody and no table is ever booked twice in a slot.
    """
    n = buyers
    assert slots <= n, "each producer meets each buyer at most once"
    times = tuple(Slot(f"s{s}", Window(DAY + timedelta(minutes=15 * s), DAY + timedelta(minutes=15 * s + 15)))
                  for s in range(slots))
    people = (*(Attendee(f"b{b}", f"Buyer {b}", f"Channel {b}", "buyer") for b in range(n)),
              *(Attendee(f"p{p}", f"Producer {p}", f"Films {p}", "producer") for p in range(n)))
    wishes = tuple(Wish(f"w{b}-{s}", f"p{(b + s) % n}", f"b{b}", 3) for b in range(n) for s in range(slots))
    placed = tuple(Placement(f"w{b}-{s}", f"s{s}", f"T{b}") for b in range(n) for s in range(slots))
    return Instance(Event(event, "Fault market"), times, tuple(Location(f"T{b}") for b in range(n)), people,
                    wishes, previous=placed)


def signed_in(client: Client, event: str, attendee: str) -> tuple[str, str]:
    """A session made through the services: (cookie value, CSRF token)."""
    cookie = create_session(client, event, attendee)
    session = session_of(client, cookie)
    assert session is not None
    return cookie, session.csrf
