"""Real `forum worker` processes send mails to a real SMTP server in this process: the sweeper hands queued
mails to RQ, retries wait and try again, a job run twice sends once, no server means the outbox."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.serializers import JSONSerializer

from forum.domain import Importance, Placement, RunStatus, Schedule, SolverRun
from forum.services.attendees.requests import NewRequest, create_request
from forum.services.mail import daily, outbox
from forum.services.mailing import mail_id, queue_mail
from forum.services.runs.publish import publish_run
from forum.services.runs.registry import SEND_MAIL
from forum.store import EventStore
from forum.store.queue import rq_connection
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from tests.live import WorkerProcess, start_worker
from tests.services.mail.mail_market import EVENT, load, place
from tests.services.mail.smtp_server import LocalSmtp, body
from tests.waiting import wait_for

ORIGIN = "http://forum.test"
FAST = {"FORUM_PUBLIC_ORIGIN": ORIGIN, "FORUM_MAIL_RETRY": "1,1,1,1,1,1,1,1,1,1"}


@pytest.fixture
def worker(redis_url: str, tmp_path: Path, smtp: LocalSmtp) -> Iterator[WorkerProcess]:
    process = start_worker(redis_url, tmp_path, FORUM_SMTP_URL=smtp.url, **FAST)
    yield process
    process.stop()


def _status(store: EventStore, kind: str, person: str, change: str) -> str:
    found = store.client.hget(f"forum:{EVENT}:mail:{mail_id(kind, person, change)}", "status")
    return str(found or "")


def test_worker_mails_a_new_request_to_the_person_asked(store: EventStore, smtp: LocalSmtp,
                                                        worker: WorkerProcess) -> None:
    load(store)
    wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Nordic noir"))
    [mail] = wait_for(lambda: smtp.inbox.to("bea@example.org"), what="the new request mail")
    assert "Paula Producer" in mail["Subject"] and "Nordic noir" in body(mail)
    wait_for(lambda: _status(store, "request", "b1", wish.id) == "sent", what="the mail marked sent")
    assert smtp.inbox.to("paula@example.org") == []


def test_worker_sends_one_mail_per_person_after_a_publish(store: EventStore, smtp: LocalSmtp,
                                                          worker: WorkerProcess) -> None:
    load(store)
    first = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "", colleagues=("p2",)))
    second = create_request(store.client, EVENT, "p1", NewRequest("b2", Importance.MUST, ""))
    runs = RunStore(store.client)
    run = SolverRun(runs.new_id(EVENT), EVENT, RunStatus.FINISHED, created_at=time.time())
    runs.records(EVENT).put(run)
    ScheduleStore(store.client).save_draft(EVENT, run.id, Schedule((Placement(first.id, "d0-9", "T1"),
                                                                    Placement(second.id, "d0-10", "T2"))))
    version = publish_run(store.client, EVENT, run.id)["version"]
    people = ("p1", "p2", "b1", "b2")
    wait_for(lambda: all(_status(store, "published", p, f"v{version}") == "sent" for p in people),
             what="the four publish mails sent")
    published = [m for m in smtp.inbox.messages if "changed" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in published) == sorted(
        ["Paula Producer <paula@example.org>", "Pierre Colleague <pierre@example.org>",
         "Bea Buyer <bea@example.org>", "Benoît Acheteur <benoit@example.org>"])
    [paula] = [m for m in published if "paula@" in str(m["To"])]
    assert body(paula).count("New:") == 2  # both of her meetings in her one mail


def test_a_mail_job_run_three_times_sends_once(store: EventStore, redis_url: str, smtp: LocalSmtp,
                                               worker: WorkerProcess) -> None:
    """A redelivered or retried job (here: the same mail's job enqueued twice more) finds the mail sent."""
    load(store)
    mail = queue_mail(store.client, EVENT, "invitation", "b1", "batch-1")
    assert mail is not None
    queue = Queue("forum-mail", connection=rq_connection(redis_url), serializer=JSONSerializer)
    ours = [queue.enqueue_call(SEND_MAIL, args=[EVENT, mail], job_id=f"again-{i}").id for i in (1, 2)]
    ids = [*ours, f"mail-{EVENT}-{mail}"]  # and the one the sweeper enqueued for it

    def outcome(job_id: str) -> str:
        try:
            job = Job.fetch(job_id, connection=queue.connection, serializer=JSONSerializer)
        except NoSuchJobError:
            return ""  # the sweeper has not enqueued it yet
        return str(job.return_value()) if job.get_status() == "finished" else ""

    outcomes = wait_for(lambda: [outcome(i) for i in ids] if all(outcome(i) for i in ids) else None,
                        what="all three jobs done")
    assert sorted(outcomes) == ["left alone (sent)", "left alone (sent)", "sent"]
    assert len(smtp.inbox.to("bea@example.org")) == 1


def test_mail_is_retried_until_the_server_comes_up(store: EventStore, redis_url: str, tmp_path: Path) -> None:
    load(store)
    server = LocalSmtp()  # not started yet: the worker's first tries find nobody
    process = start_worker(redis_url, tmp_path, FORUM_SMTP_URL=server.url, **FAST)
    try:
        wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, ""))
        key = f"forum:{EVENT}:mail:{mail_id('request', 'b1', wish.id)}"
        wait_for(lambda: store.client.hget(key, "status") == "retrying", what="a failed first try")
        assert "did not take it" in str(store.client.hget(key, "error"))
        server.start()
        wait_for(lambda: server.inbox.to("bea@example.org"), what="the mail once the server is up")
        wait_for(lambda: store.client.hget(key, "status") == "sent", what="marked sent")
        assert int(store.client.hget(key, "attempts") or 0) >= 2 and server.inbox.count() == 1
    finally:
        process.stop()
        server.stop()


def test_without_smtp_mails_wait_in_the_outbox(store: EventStore, redis_url: str, tmp_path: Path) -> None:
    load(store)
    process = start_worker(redis_url, tmp_path, **FAST)
    try:
        wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Nordic noir"))
        wait_for(lambda: _status(store, "request", "b1", wish.id) == "outbox", what="the mail in the outbox")
        found = outbox.one(store.client, EVENT, mail_id("request", "b1", wish.id))
        assert found.to == "bea@example.org" and "Nordic noir" in found.body
    finally:
        process.stop()


def test_the_sweeper_sends_the_day_agenda_in_the_morning_once(store: EventStore, redis_url: str, tmp_path: Path,
                                                              smtp: LocalSmtp) -> None:
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    load(store, first_day=today)
    first = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, ""))
    place(store, first.id, "d0-9")
    process = start_worker(redis_url, tmp_path, FORUM_SMTP_URL=smtp.url, FORUM_MAIL_MORNING_HOUR="0", **FAST)
    try:
        wait_for(lambda: all(_status(store, "daily", p, today.isoformat()) == "sent" for p in ("p1", "b1")),
                 what="the day's agenda mails")
        assert daily.sweep(store.client, 0) == 0 and daily.queue_day(store.client, EVENT, today) == 0
        days = [m for m in smtp.inbox.messages if "today" in str(m["Subject"])]
        assert sorted(str(m["To"]) for m in days) == ["Bea Buyer <bea@example.org>",
                                                      "Paula Producer <paula@example.org>"]
    finally:
        process.stop()
