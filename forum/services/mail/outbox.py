"""The organizers' view of the mails: the list (newest first, paged), one mail, and inviting by mail."""

from __future__ import annotations

import time
from collections.abc import Iterable

from forum.domain import Attendee
from forum.errors import Conflict, InvalidInput, NotFound
from forum.services.mailing import MAIL_ID_CHARS, invite
from forum.services.paging import page_count
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.connection import Client
from forum.store.mail import MailRecord, MailStore

PAGE = 50
BATCH_CHARS = 40  # the invitation form's one-time batch id (token_urlsafe(16) is 22)


def page(client: Client, event: str, number: int) -> tuple[list[MailRecord], int]:
    """Page `number` (from 1) of the event's mails, newest first, and how many pages there are."""
    number = max(1, number)
    found, total = MailStore(client).page(event, (number - 1) * PAGE, PAGE)
    return found, page_count(total, PAGE)


def one(client: Client, event: str, mail: str) -> MailRecord:
    """One mail of the event; NotFound for an id that is not one (or has expired)."""
    if len(mail) != MAIL_ID_CHARS or not all(c in "0123456789abcdef" for c in mail):
        raise NotFound("There is no such mail.")
    found = MailStore(client).get(event, mail)
    if found is None:
        raise NotFound("There is no such mail (mails are kept 30 days).")
    return found


def recipients(client: Client, event: str, chosen: Iterable[str]) -> list[Attendee]:
    """The attendees named (every attendee when none is), checked to exist."""
    people = EventStore(client).entities(event, Attendee)
    names = list(dict.fromkeys(c for c in chosen if c))
    if not names:
        return sorted(people.all(), key=lambda a: a.id)
    if len(names) > 50_000:
        raise InvalidInput("That is more attendees than an event holds.")
    found = {a.id: a for a in people.get_many(names)}
    missing = [n for n in names if n not in found]
    if missing:
        raise NotFound(f"No attendee with the id {', '.join(missing[:5])} at this event.")
    return [found[n] for n in names]


def mail_invitations(client: Client, event: str, organizer: str, chosen: Iterable[str], batch: str) -> int:
    """Queue an invitation mail (fresh link, new access code) to the chosen attendees, or everyone; once per
    batch, so the same confirmed form sent twice mails nobody twice. Audited; returns how many were queued."""
    if not batch or len(batch) > BATCH_CHARS or not batch.replace("-", "").replace("_", "").isalnum():
        raise InvalidInput("This form is out of date: open the outbox page again and confirm there.")
    people = recipients(client, event, chosen)
    if not people:
        raise Conflict("There is nobody to invite: import attendees first.")
    without = [a.id for a in people if not a.email]
    queued = invite(client, event, [a.id for a in people if a.email], batch)
    detail = f"{queued} invitation mails queued (batch {batch})"
    if without:
        detail += f"; {len(without)} without an e-mail address: {', '.join(without[:10])}"
    AuditLog(client).append(event, {"at": time.time(), "who": organizer, "action": "invitations by mail",
                                    "attendee": "", "detail": detail})
    return queued
