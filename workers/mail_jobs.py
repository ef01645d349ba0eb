"""The mail job (plain ids in, the mail services out) and the sweeper's mail round."""

from __future__ import annotations

import logging
import time

from forum.config import load_settings
from forum.services.connections import Client, open_store
from forum.services.mail import daily, dispatch
from forum.services.mail.sending import deliver
from forum.services.runs.registry import mail_tries_left, open_mail_queue

log = logging.getLogger("forum.worker")
DAILY_EVERY = 60.0  # seconds between looks at the clock for each event's morning mails


def send_mail(event_id: str, mail_id: str) -> str:
    """Send one queued mail; raising lets RQ try again after its wait (FORUM_MAIL_RETRY)."""
    settings = load_settings()
    assert settings.redis_url is not None
    client = open_store(settings.redis_url, settings)
    try:
        outcome = deliver(client, settings, event_id, mail_id, last_try=mail_tries_left() == 0)
        log.info("mail %s of %s: %s", mail_id, event_id, outcome)
        return outcome
    finally:
        client.close()


class MailRound:
    """What the sweeper does for mails on each pass: hand queued mails and due retries to RQ, and once a
    minute queue the morning agenda mails."""

    def __init__(self, redis_url: str, queue_name: str) -> None:
        self.settings = load_settings()
        self.jobs = open_mail_queue(redis_url, queue_name, self.settings.mail_retry)
        self.next_daily = 0.0

    def __call__(self, client: Client) -> None:
        handed = dispatch.hand_out(client, self.jobs)
        if handed:
            log.info("%d mails handed to workers", handed)
        if time.monotonic() >= self.next_daily:
            self.next_daily = time.monotonic() + DAILY_EVERY
            queued = daily.sweep(client, self.settings.mail_morning_hour)
            if queued:
                log.info("%d agenda mails of the day queued", queued)
