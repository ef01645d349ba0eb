"""kill -9 of Valkey in the middle of a burst of accepts: nothing acknowledged is lost, nobody is double-booked.

A real Valkey (AOF), one real uvicorn web process, 50 buyers on 50 threads accepting 2,050 proposed meetings
through the attendee form. Valkey is killed once a third are acknowledged and restarted from its AOF on the
same port and directory once every client has been told it is down; the burst goes on throughout.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from forum.checker import validate
from forum.checker.rules import live_schedule
from forum.domain import Meeting, MeetingStatus
from forum.store import EventStore, connect
from forum.web.auth import SESSION_COOKIE
from tests.live import WebProcess, start_web
from tests.system.faults import OwnValkey, market, on_disk, signed_in
from tests.waiting import wait_for

EVENT = "fault-kill"
BUYERS, SLOTS = 50, 41  # 2,050 proposed meetings, one client per buyer
ANSWER_TIMEOUT = 30.0  # no answer by then counts as a hang
KILL_AT = 1 / 3  # share of the accepts acknowledged before Valkey is killed

pytestmark = pytest.mark.fault


@dataclass(frozen=True)
class Outcome:
    buyer: str
    meeting: str
    status: int  # 0: no HTTP answer at all (a hang or a dropped connection)
    text: str
    at: float


class Burst:
    """The buyers' threads and everything they were answered."""

    def __init__(self, web: WebProcess, sessions: dict[str, tuple[str, str]]) -> None:
        self.web, self.sessions = web, sessions
        self.outcomes: list[Outcome] = []
        self.threads = [threading.Thread(target=self._buyer, args=(b,), daemon=True) for b in sessions]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        assert not any(t.is_alive() for t in self.threads), "clients still waiting for answers"

    def count(self, status: int, since: float = 0.0) -> int:
        return sum(1 for o in list(self.outcomes) if o.status == status and o.at >= since)

    def told(self, status: int, since: float) -> set[str]:
        """The buyers answered `status` since then."""
        return {o.buyer for o in list(self.outcomes) if o.status == status and o.at >= since}

    def _buyer(self, buyer: str) -> None:
        """Accept every meeting once, then once more those refused while the store was down (a second tap)."""
        cookie, csrf = self.sessions[buyer]
        b = int(buyer[1:])
        pending = [(f"w{b}-{s}", f"s{s}") for s in range(SLOTS)]
        with httpx.Client(base_url=self.web.url, cookies={SESSION_COOKIE: cookie}, timeout=ANSWER_TIMEOUT) as http:
            for _ in range(2):
                refused = []
                for meeting, slot in pending:
                    outcome = self._accept(http, buyer, csrf, meeting, slot)
                    self.outcomes.append(outcome)
                    if outcome.status == 503:
                        refused.append((meeting, slot))
                pending = refused

    def _accept(self, http: httpx.Client, buyer: str, csrf: str, meeting: str, slot: str) -> Outcome:
        form = {"csrf": csrf, "decision": "accept", "slot": slot}
        try:
            response = http.post(f"/e/{EVENT}/meetings/{meeting}/answer", data=form)
        except httpx.HTTPError as exc:
            return Outcome(buyer, meeting, 0, repr(exc), time.monotonic())
        return Outcome(buyer, meeting, response.status_code, response.text, time.monotonic())


def test_fault_valkey_killed_during_accepts_loses_nothing_acknowledged(own_valkey: OwnValkey, tmp_path: Path) -> None:
    store = EventStore(connect(own_valkey.url))
    store.import_instance(market(EVENT, BUYERS, SLOTS))
    sessions = {f"b{b}": signed_in(store.client, EVENT, f"b{b}") for b in range(BUYERS)}
    on_disk(own_valkey.url)  # the event and sessions predate the burst: the kill must not take them
    web = start_web(own_valkey.url, tmp_path)
    burst = Burst(web, sessions)
    try:
        started = time.monotonic()
        burst.start()
        wait_for(lambda: burst.count(303) >= KILL_AT * BUYERS * SLOTS, 60, "a third of the accepts acknowledged")
        own_valkey.kill()
        killed = time.monotonic()
        wait_for(lambda: len(burst.told(503, killed)) == BUYERS, 30, "every client told the store is down")
        own_valkey.start()  # from its AOF, same port and directory
        restarted = time.monotonic()
        burst.join(90)
        took = time.monotonic() - started
        assert web.process.poll() is None, "the web process died"
    finally:
        web.stop()

    store = EventStore(connect(own_valkey.url))
    meetings = {m.id: m for m in store.entities(EVENT, Meeting).all()}
    acknowledged = {o.meeting for o in burst.outcomes if o.status == 303}
    lost = sorted(m for m in acknowledged if meetings[m].status is not MeetingStatus.ACCEPTED)
    statuses = Counter(o.status for o in burst.outcomes)
    print(f"\n{len(acknowledged)} accepts acknowledged of {BUYERS * SLOTS} in {took:.1f} s; "
          f"answers by status {dict(sorted(statuses.items()))}; Valkey down {restarted - killed:.1f} s; "
          f"acknowledged after the restart {burst.count(303, restarted)}; "
          f"accepted in the store {sum(m.status is MeetingStatus.ACCEPTED for m in meetings.values())}; "
          f"lost={len(lost)}")
    assert lost == []
    assert set(statuses) <= {303, 409, 503}, [o for o in burst.outcomes if o.status not in (303, 409, 503)][:3]
    assert all("try again" in o.text for o in burst.outcomes if o.status == 503)  # a sentence, not a stack
    assert all("already accepted" in o.text for o in burst.outcomes if o.status == 409)  # applied, reply lost
    assert burst.count(303, restarted) > 0  # the same web process serves again once Valkey is back
    # No double booking (rules 3 and 4), and nothing else broken either.
    assert validate(store.export_instance(EVENT), live_schedule(meetings.values())) == []
