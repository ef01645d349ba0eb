"""Enqueuing solver jobs on the RQ queue by dotted name (JSON serializer, plain ids, explicit timeouts)."""

from __future__ import annotations

from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job

from forum.store.queue import job_queue

KEEP_RESULTS = 24 * 3600


def job_id(event: str, run: str) -> str:
    return f"forum-{event}-{run}"


class JobQueue:
    def __init__(self, redis_url: str, name: str, solve_job: str) -> None:
        """`solve_job` is the dotted path of the run job, from the services' job registry."""
        self.queue = job_queue(redis_url, name)
        self.solve_job = solve_job

    def enqueue_run(self, event: str, run: str, timeout: float) -> None:
        """`timeout` must exceed the solver's limit: RQ kills the job after it."""
        self.queue.enqueue_call(self.solve_job, args=[event, run], timeout=int(timeout), job_id=job_id(event, run),
                                result_ttl=KEEP_RESULTS, failure_ttl=KEEP_RESULTS, description=f"{event} {run}")

    def cancel(self, event: str, run: str) -> None:
        """Take a job that has not started off the queue (a started one stops through its stop flag)."""
        try:
            job = Job.fetch(job_id(event, run), connection=self.queue.connection, serializer=self.queue.serializer)
            job.cancel()
        except (NoSuchJobError, InvalidJobOperation):
            pass

    def state(self, event: str, run: str) -> str | None:
        """The RQ job's status ('queued', 'started', 'failed'...), None when it no longer exists."""
        try:
            job = Job.fetch(job_id(event, run), connection=self.queue.connection, serializer=self.queue.serializer)
        except NoSuchJobError:
            return None
        status = job.get_status(refresh=False)
        return None if status is None else str(getattr(status, "value", status))

    def depth(self) -> int:
        """Jobs waiting for a worker."""
        return int(self.queue.count)

    def close(self) -> None:
        self.queue.connection.close()
