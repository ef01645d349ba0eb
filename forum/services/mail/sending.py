"""Sending one queued mail, at most once: claimed in the store before the SMTP conversation, marked sent as
soon as the server accepted it; a failure worth another try gives the claim back for RQ's next try."""

from __future__ import annotations

import logging
import smtplib

from forum.config import Settings
from forum.domain import Attendee
from forum.errors import Conflict
from forum.services.mail import compose, smtp
from forum.services.mail.prefs import preferences, stop_token
from forum.services.mailing import ALWAYS_SENT
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.mail import MailStore

log = logging.getLogger("forum.mail")


class TryAgain(Exception):
    """The SMTP server could not take the mail now; RQ tries again after a wait (FORUM_MAIL_RETRY)."""


class SentUnrecorded(Exception):
    """The server took the mail but the store did not take the mark: the claim stays, so it is never resent."""


def deliver(client: Client, settings: Settings, event: str, mail: str, last_try: bool) -> str:
    """Send mail `mail` of `event` (or put it in the outbox when no SMTP server is set); returns what became
    of it. A mail that is sent, being sent, or gone is left alone: that is what makes a second job harmless."""
    store = MailStore(client)
    claimed = store.claim(event, mail)
    if claimed != "claimed":
        return f"left alone ({claimed})"
    try:
        return _deliver_claimed(client, store, settings, event, mail, last_try)
    except (TryAgain, SentUnrecorded):
        raise
    except Exception as exc:  # nothing reached the SMTP server yet: give the claim back, or give up at the end
        store.settle(event, mail, "failed" if last_try else "retrying", error=f"{type(exc).__name__}: {exc}"[:300])
        raise


def _deliver_claimed(client: Client, store: MailStore, settings: Settings, event: str, mail: str,
                     last_try: bool) -> str:
    record = store.get(event, mail)
    person = EventStore(client).entities(event, Attendee).find(record.person) if record else None
    if record is None or person is None:
        store.settle(event, mail, "skipped", error="the attendee is no longer at this event")
        return "skipped"
    prefs = preferences(client, event, person.id)
    if record.kind not in ALWAYS_SENT and prefs.opted_out:
        store.settle(event, mail, "skipped", error="the attendee stopped these mails")
        return "skipped"
    if not person.email:
        store.settle(event, mail, "skipped", error="the attendee has no e-mail address")
        return "skipped"
    try:
        written = compose.write(client, settings.secret_key, settings.link_origin, record, person, prefs.language)
    except compose.NothingToSay as gone:
        store.settle(event, mail, "skipped", error=str(gone))
        return "skipped"
    except Conflict as exc:
        store.settle(event, mail, "failed", error=exc.message)
        return "failed"
    shown = {"to": person.email, "subject": written.subject, "language": prefs.language}
    if settings.smtp is None:
        store.settle(event, mail, "outbox", body=written.body, **shown)
        return "outbox"
    stop = f"{settings.link_origin}/mail/stop/{stop_token(settings.secret_key, event, person.id)}"
    return _hand_over(store, settings, record.event, mail, last_try, shown, written, person.name, stop)


def _hand_over(store: MailStore, settings: Settings, event: str, mail: str, last_try: bool,
               shown: dict[str, str], written: compose.Written, name: str, stop: str) -> str:
    assert settings.smtp is not None
    try:
        message = smtp.message(settings.mail_from, shown["to"], name, written.subject, written.body, stop)
        smtp.send(settings.smtp, message)
    except smtp.Refused as refused:
        store.settle(event, mail, "failed", error=str(refused), **shown)
        return "failed"
    except (smtplib.SMTPException, OSError) as exc:
        reason = f"the mail server did not take it: {exc}"[:300]
        store.settle(event, mail, "failed" if last_try else "retrying", error=reason, **shown)
        log.warning("mail %s of %s not sent%s: %s", mail, event, "" if last_try else ", will try again", exc)
        raise TryAgain(reason) from None
    try:
        store.settle(event, mail, "sent", body=written.kept or written.body, error="", **shown)
    except Exception as exc:
        raise SentUnrecorded(f"mail {mail} of {event} was sent; its record still says sending: {exc}") from exc
    return "sent"
