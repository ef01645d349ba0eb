"""The one table of background jobs: the queue enqueues from it and the worker checks it at start."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from forum.store import queue
from forum.store.jobs import JobQueue
from forum.store.mail_queue import MailQueue, mail_queue_name, tries_left

# RQ imports the job by this dotted path in the worker process; the web never imports it (it loads OR-Tools).
SOLVE_RUN = "workers.jobs.solve_run"
SEND_MAIL = "workers.mail_jobs.send_mail"  # one mail: (event, mail id), see forum/services/mail/
JOBS = (SOLVE_RUN, SEND_MAIL)


def open_queue(redis_url: str, queue_name: str) -> JobQueue:
    """The run queue as web processes, the sweeper and tests use it."""
    return JobQueue(redis_url, queue_name, SOLVE_RUN)


def open_mail_queue(redis_url: str, queue_name: str, waits: tuple[int, ...]) -> MailQueue:
    """The mail queue (`<queue>-mail`), its jobs retried after `waits` seconds (FORUM_MAIL_RETRY)."""
    return MailQueue(redis_url, queue_name, SEND_MAIL, waits)


def mail_tries_left() -> int:
    """Inside a mail job: how many more tries RQ makes after this one (0: this is the last)."""
    return tries_left()


def resolve(path: str) -> Callable[..., object]:
    """The function a registered path names; a typo fails the worker at start, not the first run."""
    module, _, name = path.rpartition(".")
    found = getattr(importlib.import_module(module), name, None)
    if not callable(found):
        raise ImportError(f"registered job {path!r} is not a function")
    return cast("Callable[..., object]", found)


def check_all() -> None:
    for path in JOBS:
        resolve(path)


def work(redis_url: str, queue_name: str, burst: bool = False) -> None:
    """Check every registered job resolves, then run an RQ worker on the run queue and, after it, the mail
    queue until it is stopped."""
    check_all()
    queue.work(redis_url, queue_name, burst=burst, also=(mail_queue_name(queue_name),))
