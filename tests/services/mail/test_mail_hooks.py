"""Where mails are queued: once per person after a publish (listing their changed meetings), each event day's
agenda once per person, the outbox pages, the stop link."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from forum.config import Settings
from forum.domain import Importance, Placement, RunStatus, Schedule, SolverRun
from forum.errors import Forbidden, InvalidInput, NotFound
from forum.services.attendees.requests import NewRequest, create_request
from forum.services.mail import daily, outbox
from forum.services.mail.prefs import preferences, read_stop_token, stop_mails, stop_token
from forum.services.mail.sending import deliver
from forum.services.mailing import mail_id
from forum.services.runs.publish import publish_run
from forum.store import EventStore
from forum.store.mail import MailStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.services.mail.mail_market import EVENT, FIRST_DAY, load, place

SECRET = "test-secret"
OUTBOX = Settings(redis_url="redis://unused", secret_key=SECRET, public_origin="http://forum.test")  # no SMTP


@pytest.fixture
def asked(store: EventStore) -> tuple[str, str]:
    """p1 asked b1 (with colleague p2) and b2."""
    load(store)
    first = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "", colleagues=("p2",)))
    second = create_request(store.client, EVENT, "p1", NewRequest("b2", Importance.IF_POSSIBLE, ""))
    return first.id, second.id


def _publish(store: EventStore, *placements: Placement) -> int:
    runs = RunStore(store.client)
    run = SolverRun(runs.new_id(EVENT), EVENT, RunStatus.FINISHED, created_at=time.time())
    runs.records(EVENT).put(run)
    ScheduleStore(store.client).save_draft(EVENT, run.id, Schedule(placements))
    return int(publish_run(store.client, EVENT, run.id)["version"])


def _sent_body(store: EventStore, kind: str, person: str, change: str) -> str:
    mail = mail_id(kind, person, change)
    assert deliver(store.client, OUTBOX, EVENT, mail, last_try=False) == "outbox"
    return outbox.one(store.client, EVENT, mail).body


def _queued(store: EventStore, kind: str) -> list[str]:
    found, _ = outbox.page(store.client, EVENT, 1)
    return sorted(m.person for m in found if m.kind == kind)


def test_publish_queues_one_mail_per_person_listing_their_meetings(store: EventStore, asked: tuple[str, str]) -> None:
    first, second = asked
    version = _publish(store, Placement(first, "d0-9", "T1"), Placement(second, "d0-10", "T2"))
    assert _queued(store, "published") == ["b1", "b2", "p1", "p2"]  # p1 is in both meetings: one mail
    text = _sent_body(store, "published", "p1", f"v{version}")
    assert "New: Tuesday 19 March, 09:00–09:30, Table 1, Hall A: with Bea Buyer (Nordic TV), Pierre" in text
    assert "New: Tuesday 19 March, 10:00–10:30, Table 2: with Benoît Acheteur (Canal Nord)" in text
    assert "http://forum.test/e/lille/agenda" in text


def test_second_publish_mails_only_those_whose_meetings_moved(store: EventStore, asked: tuple[str, str]) -> None:
    first, second = asked
    _publish(store, Placement(first, "d0-9", "T1"), Placement(second, "d0-10", "T2"))
    version = _publish(store, Placement(first, "d1-11", "T1"), Placement(second, "d0-10", "T2"))
    moved = sorted(m.person for m in outbox.page(store.client, EVENT, 1)[0] if m.change == f"v{version}")
    assert moved == ["b1", "p1", "p2"]  # b2's meeting did not change
    assert "Moved: Wednesday 20 March, 11:00–11:30" in _sent_body(store, "published", "b1", f"v{version}")


def test_day_agenda_is_queued_once_per_person_and_day(store: EventStore, asked: tuple[str, str]) -> None:
    first, second = asked
    place(store, first, "d0-9")
    place(store, second, "d1-10")
    assert daily.queue_day(store.client, EVENT, FIRST_DAY) == 3  # p1, p2, b1; b2 meets on the second day
    assert daily.queue_day(store.client, EVENT, FIRST_DAY) == 0
    assert _queued(store, "daily") == ["b1", "p1", "p2"]
    text = _sent_body(store, "daily", "b1", FIRST_DAY.isoformat())
    assert "Tuesday 19 March, 09:00–09:30, Table 1, Hall A: with Paula Producer (Lille Films)" in text
    assert "Benoît" not in text


def test_day_agenda_waits_for_the_morning_in_the_event_zone(store: EventStore, asked: tuple[str, str]) -> None:
    place(store, asked[0], "d0-9")
    # 19 March 2030 in Paris is UTC+1: 05:30 UTC is 06:30 there, before a 7 o'clock morning.
    assert daily.sweep(store.client, 7, datetime(2030, 3, 19, 5, 30, tzinfo=UTC)) == 0
    assert daily.sweep(store.client, 7, datetime(2030, 3, 18, 12, 0, tzinfo=UTC)) == 0  # not an event day
    assert daily.sweep(store.client, 7, datetime(2030, 3, 19, 6, 5, tzinfo=UTC)) == 3
    assert daily.sweep(store.client, 7, datetime(2030, 3, 19, 9, 0, tzinfo=UTC)) == 0


def test_outbox_pages_newest_first_and_refuses_unknown_ids(store: EventStore, asked: tuple[str, str]) -> None:
    found, pages = outbox.page(store.client, EVENT, 1)
    assert [m.kind for m in found] == ["request", "request"] and pages == 1
    assert found[0].change == asked[1]  # the newest first
    with pytest.raises(NotFound):
        outbox.one(store.client, EVENT, "0" * 32)
    with pytest.raises(NotFound):
        outbox.one(store.client, EVENT, "../../etc")


def test_outbox_list_is_capped(store: EventStore, asked: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert store.client.llen(f"forum:{EVENT}:maillist:all") == 2
    assert store.client.ttl(f"forum:{EVENT}:mail:{mail_id('request', 'b1', asked[0])}") > 29 * 24 * 3600
    import forum.store.mail as mail_store

    monkeypatch.setattr(mail_store, "KEEP_LISTED", 2)
    outbox.mail_invitations(store.client, EVENT, "o1", ("p1",), "batch-1")
    assert store.client.llen(f"forum:{EVENT}:maillist:all") == 2
    assert MailStore(store.client).page(EVENT, 0, 10)[0][0].kind == "invitation"


def test_invitations_once_per_batch(store: EventStore, asked: tuple[str, str]) -> None:
    assert outbox.mail_invitations(store.client, EVENT, "o1", (), "batch-1") == 5  # b3 has no address
    assert outbox.mail_invitations(store.client, EVENT, "o1", (), "batch-1") == 0
    assert outbox.mail_invitations(store.client, EVENT, "o1", ("b1",), "batch-2") == 1
    with pytest.raises(NotFound):
        outbox.mail_invitations(store.client, EVENT, "o1", ("nobody",), "batch-3")
    with pytest.raises(InvalidInput):
        outbox.mail_invitations(store.client, EVENT, "o1", (), "no spaces allowed")


def test_stop_link_opts_out_and_forged_links_are_refused(store: EventStore) -> None:
    load(store)
    token = stop_token(SECRET, EVENT, "b1")
    assert read_stop_token(store.client, SECRET, token).attendee.id == "b1"
    stop_mails(store.client, SECRET, token)
    assert preferences(store.client, EVENT, "b1").opted_out
    with pytest.raises(Forbidden):
        read_stop_token(store.client, "another-secret", token)
    with pytest.raises(Forbidden):
        read_stop_token(store.client, SECRET, token[:-3] + "abc")
    with pytest.raises(Forbidden):
        read_stop_token(store.client, SECRET, stop_token(SECRET, EVENT, "gone"))
    with pytest.raises(InvalidInput):
        read_stop_token(store.client, SECRET, "x" * 1000)
    assert not preferences(store.client, EVENT, "b2").opted_out


def test_meeting_removed_by_a_publish_is_named_in_the_mail(store: EventStore, asked: tuple[str, str]) -> None:
    first, second = asked
    _publish(store, Placement(first, "d0-9", "T1"), Placement(second, "d0-10", "T2"))
    version = _publish(store, Placement(first, "d0-9", "T1"))  # the run found no place for p1 and b2 any more
    text = _sent_body(store, "published", "b2", f"v{version}")
    assert "Cancelled: with Paula Producer (Lille Films)" in text


def test_outbox_has_pages_of_fifty(store: EventStore) -> None:
    load(store)
    for i in range(outbox.PAGE + 5):
        outbox.mail_invitations(store.client, EVENT, "o1", ("b1",), f"batch-{i}")
    first, pages = outbox.page(store.client, EVENT, 1)
    second, _ = outbox.page(store.client, EVENT, 2)
    assert (len(first), len(second), pages) == (outbox.PAGE, 5, 2)
    assert first[0].change == f"batch-{outbox.PAGE + 4}" and second[-1].change == "batch-0"
