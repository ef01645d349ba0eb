"""Handing queued mails to RQ: what the workers' sweeper does every few seconds."""

from __future__ import annotations

import time
from typing import Protocol

from forum.store.connection import Client
from forum.store.mail import MailStore


class MailJobs(Protocol):
    def enqueue(self, event: str, mail: str) -> None: ...
    def release_due_retries(self) -> int: ...


def hand_out(client: Client, jobs: MailJobs, now: float | None = None) -> int:
    """Enqueue every mail that waits for a worker, then the retries whose wait is over; returns how many
    mails were enqueued. A mail enqueued twice (two sweepers, a crash before its mark was removed) is sent
    once: the job claims it in the store first."""
    store, count = MailStore(client), 0
    for event, mail in store.due(time.time() if now is None else now):
        jobs.enqueue(event, mail)
        store.handed(event, mail)
        count += 1
    jobs.release_due_retries()
    return count
