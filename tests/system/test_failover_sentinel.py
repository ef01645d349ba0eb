"""kill -9 of the Valkey primary under a burst of accepts: Sentinel fails over and the app follows it.

A primary, two replicas and three sentinels (quorum 2); one web process and one worker given only
FORUM_REDIS_SENTINELS; acknowledged writes wait for one replica's AOF (FORUM_DURABLE_REPLICAS=1). Two replicas,
so that one is left to confirm writes once the other has become the primary. Buyers accept their proposed
meetings, retrying refusals; the primary is killed mid-burst; a buyer's websocket opened before the kill
must see a change made after the failover.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as ws_connect

from forum.domain import Meeting, MeetingStatus
from forum.store import EventStore, connect
from forum.store.address import parse_sentinels
from forum.web.auth import SESSION_COOKIE
from tests.live import start_web, start_worker
from tests.system.faults import market, signed_in
from tests.system.sentinels import PRIMARY_NAME, SentinelCluster
from tests.waiting import wait_for

EVENT = "failover"
BUYERS, SLOTS = 16, 16
KILL_AT = 1 / 4  # share of the accepts acknowledged before the primary is killed

pytestmark = pytest.mark.fault


@dataclass(frozen=True)
class Outcome:
    meeting: str
    status: int  # 0: no HTTP answer (a dropped connection or a timeout)
    at: float


class Burst:
    """One thread per buyer accepting each meeting until it is acknowledged (303) or found accepted (409)."""

    def __init__(self, url: str, sessions: dict[str, tuple[str, str]], deadline: float) -> None:
        self.url, self.sessions, self.deadline = url, sessions, deadline
        self.outcomes: list[Outcome] = []
        self.threads = [threading.Thread(target=self._buyer, args=(b,), daemon=True) for b in sessions]

    def acked(self, since: float = 0.0) -> int:
        return sum(1 for o in list(self.outcomes) if o.status == 303 and o.at >= since)

    def _buyer(self, buyer: str) -> None:
        cookie, csrf = self.sessions[buyer]
        with httpx.Client(base_url=self.url, cookies={SESSION_COOKIE: cookie}, timeout=10) as http:
            for s in range(SLOTS):
                meeting, form = f"w{buyer[1:]}-{s}", {"csrf": csrf, "decision": "accept", "slot": f"s{s}"}
                while time.monotonic() < self.deadline:
                    try:
                        status = http.post(f"/e/{EVENT}/meetings/{meeting}/answer", data=form).status_code
                    except httpx.HTTPError:
                        status = 0
                    self.outcomes.append(Outcome(meeting, status, time.monotonic()))
                    if status in (303, 409):
                        break
                    time.sleep(0.05)  # a person tapping again, not a condition being waited for


class Follower:
    """A live socket that reconnects with its last id (as live.js does) and records every entry id it gets."""

    def __init__(self, url: str, cookie: str) -> None:
        self.url, self.cookie = url.replace("http://", "ws://") + f"/ws/{EVENT}", cookie
        self.ids: list[str] = []
        self.connects = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        headers = {"Origin": self.url.replace("ws://", "http://").split("/ws/")[0],
                   "Cookie": f"{SESSION_COOKIE}={self.cookie}"}
        while not self.stopping.is_set():
            query = f"?last={self.ids[-1]}" if self.ids else ""
            try:
                with ws_connect(self.url + query, additional_headers=headers, open_timeout=5,
                                compression=None) as ws:
                    self.connects += 1
                    while not self.stopping.is_set():
                        with _quiet_timeout():
                            got = json.loads(ws.recv(timeout=0.5))
                            if got.get("id") and got.get("type") not in ("hello", "refresh"):
                                self.ids.append(got["id"])
            except (ConnectionClosed, OSError):
                self.stopping.wait(0.2)  # live.js backs off before reconnecting too

    def saw_after(self, wall_ms: int) -> bool:
        return any(int(i.split("-")[0]) > wall_ms for i in list(self.ids))


class _quiet_timeout:
    """recv's timeout is only how often the loop checks whether to stop."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> bool:
        return kind is TimeoutError


def test_failover_kill_primary_under_accepts(tmp_path: Path) -> None:
    cluster = SentinelCluster(tmp_path).start()
    env = {"FORUM_REDIS_SENTINELS": cluster.sentinels, "FORUM_REDIS_PRIMARY": PRIMARY_NAME,
           "FORUM_DURABLE_REPLICAS": "1"}
    address = f"sentinel://{cluster.sentinels}/{PRIMARY_NAME}"
    assert parse_sentinels(address) is not None
    processes = []
    try:
        store = EventStore(connect(address))
        store.import_instance(market(EVENT, BUYERS, SLOTS))
        sessions = {f"b{b}": signed_in(store.client, EVENT, f"b{b}") for b in range(BUYERS)}
        unused_url = f"redis://127.0.0.1:{cluster.ports[0]}/0"  # FORUM_REDIS_SENTINELS overrides it
        web = start_web(unused_url, tmp_path, **env)
        processes = [web, start_worker(unused_url, tmp_path, **env)]
        wait_for(lambda: httpx.get(f"{web.url}/healthz").status_code == 200, 20, "the worker's heartbeat seen")
        follower = Follower(web.url, sessions["b0"][0])
        follower.thread.start()
        wait_for(lambda: follower.connects == 1, 10, "the live socket open")
        burst = Burst(web.url, sessions, time.monotonic() + 60)
        for thread in burst.threads:
            thread.start()
        wait_for(lambda: burst.acked() >= KILL_AT * BUYERS * SLOTS, 30, "a quarter of the accepts acknowledged")
        old = cluster.primary_port()
        cluster.kill(old)
        killed = time.monotonic()
        wait_for(lambda: burst.acked(killed + 0.001) > 0, 30, "an accept acknowledged after the kill")
        recovered, recovered_ms = time.monotonic(), int(time.time() * 1000)
        wait_for(lambda: follower.saw_after(recovered_ms), 20, "a change after the failover on the old socket")
        for thread in burst.threads:
            thread.join(max(0.0, burst.deadline - time.monotonic()))
        wait_for(lambda: httpx.get(f"{web.url}/healthz").status_code == 200, 20, "the worker beating again")
        follower.stopping.set()
        follower.thread.join(5)
        assert web.process.poll() is None, "the web process died"
        new = cluster.primary_port()
        meetings = {m.id: m for m in EventStore(connect(address)).entities(EVENT, Meeting).all()}
    finally:
        for process in processes:
            process.stop()
        cluster.stop()
    acknowledged = {o.meeting for o in burst.outcomes if o.status == 303}
    lost = sorted(m for m in acknowledged if meetings[m].status is not MeetingStatus.ACCEPTED)
    statuses = Counter(o.status for o in burst.outcomes)
    print(f"\nfailover: primary {old} killed, accepts acknowledged again after {recovered - killed:.1f} s "
          f"(new primary {new}); {len(acknowledged)} of {BUYERS * SLOTS} acknowledged; "
          f"answers by status {dict(sorted(statuses.items()))}; socket connections {follower.connects}; "
          f"lost={len(lost)}")
    assert lost == []
    assert all(m.status is MeetingStatus.ACCEPTED for m in meetings.values()), "the burst did not finish"
    assert set(statuses) <= {0, 303, 409, 503}, statuses

