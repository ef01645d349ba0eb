"""The mail jobs' RQ queue: plain ids, retried with growing waits (RQ `Retry`), the waits released by the
workers' sweeper (the workers run no RQ scheduler process)."""

from __future__ import annotations

from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import ScheduledJobRegistry

from forum.store.queue import job_queue

KEEP_RESULTS = 24 * 3600
MAIL_TIMEOUT = 120  # seconds: composing and one SMTP conversation


def mail_queue_name(queue_name: str) -> str:
    """Mails have their own queue, listened to after the runs' queue: a worker takes a waiting run first."""
    return f"{queue_name}-mail"


def mail_job_id(event: str, mail: str) -> str:
    return f"mail-{event}-{mail}"


class MailQueue:
    def __init__(self, redis_url: str, queue_name: str, send_job: str, waits: tuple[int, ...]) -> None:
        """`send_job` is the dotted path of the mail job (services' job registry); `waits` the seconds before
        each retry."""
        self.queue: Queue = job_queue(redis_url, mail_queue_name(queue_name))
        self.send_job, self.waits = send_job, waits

    def enqueue(self, event: str, mail: str) -> None:
        retry = Retry(max=len(self.waits), interval=list(self.waits)) if self.waits else None
        self.queue.enqueue_call(self.send_job, args=[event, mail], timeout=MAIL_TIMEOUT, retry=retry,
                                job_id=mail_job_id(event, mail), result_ttl=KEEP_RESULTS,
                                failure_ttl=KEEP_RESULTS, description=f"mail {event} {mail}")

    def release_due_retries(self) -> int:
        """Put the retries whose wait is over back on the queue (what RQ's scheduler would do). The ZREM
        decides which sweeper releases a job, so two workers never both release it."""
        registry = ScheduledJobRegistry(queue=self.queue)  # type: ignore[no-untyped-call]
        released = 0
        for job_id in registry.get_jobs_to_schedule():
            if not self.queue.connection.zrem(registry.key, job_id):
                continue
            try:
                job = Job.fetch(job_id, connection=self.queue.connection, serializer=self.queue.serializer)
            except NoSuchJobError:
                continue  # its result expired meanwhile: nothing to run
            self.queue.enqueue_job(job)
            released += 1
        return released

    def depth(self) -> int:
        return int(self.queue.count)

    def close(self) -> None:
        self.queue.connection.close()


def tries_left() -> int:
    """How many more tries RQ will make of the job running now (0: this is the last one, or no retry)."""
    job = get_current_job()
    return int(job.retries_left or 0) if job is not None else 0
