"""Queuing mails where things happen: once per kind, person and change (the hooks other services call).

A queued mail is a record in the store plus a mark the workers' sweeper turns into an RQ job within seconds,
so the web and the services need no job queue to send one. The record's id is derived from its idempotency
key `mail:<kind>:<person>:<change>`: queuing the same mail again writes nothing. This module sits beside
`forum/services/mail/` (which composes and sends) so that the services it is called from (requests,
publish) never import what imports them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from forum.domain import Wish
from forum.store.connection import Client
from forum.store.mail import MailRecord, MailStore

KINDS = ("invitation", "request", "published", "daily")
ALWAYS_SENT = ("invitation",)  # an opted-out attendee still gets the mails they sign in with
MAIL_ID_CHARS = 32
CHUNK = 1000  # mails queued per round trip


def mail_key(kind: str, person: str, change: str) -> str:
    return f"mail:{kind}:{person}:{change}"


def mail_id(kind: str, person: str, change: str) -> str:
    """A fixed-length id from the idempotency key, so any person or change id makes a bounded store key."""
    return hashlib.sha256(mail_key(kind, person, change).encode()).hexdigest()[:MAIL_ID_CHARS]


def _record(event: str, kind: str, person: str, change: str, data: dict[str, Any] | None) -> MailRecord:
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    found = mail_id(kind, person, change)
    return MailRecord(found, mail_key(kind, person, change), event, kind, person, change, dict(data or {}))


def queue_mails(client: Client, event: str, kind: str, changes: dict[str, tuple[str, dict[str, Any]]]) -> list[str]:
    """Queue one mail of `kind` per person (person → (change, data)), in a few round trips; the ids of the
    new mails. Mails queued before, and people who opted out (but for invitations), are left out: the
    sending worker checks the opt-out again."""
    store, queued, people = MailStore(client), [], sorted(changes)
    for start in range(0, len(people), CHUNK):
        chunk = people[start:start + CHUNK]
        if kind not in ALWAYS_SENT:
            out = store.opted_out(event, chunk)
            chunk = [p for p in chunk if p not in out]
        records = [_record(event, kind, who, *changes[who]) for who in chunk]
        queued += [r.id for r, new in zip(records, store.queue_many(records), strict=True) if new]
    return queued


def queue_mail(client: Client, event: str, kind: str, person: str, change: str,
               data: dict[str, Any] | None = None) -> str | None:
    """Queue one mail; the new mail's id, or None when it was queued before or the person opted out."""
    found = queue_mails(client, event, kind, {person: (change, data or {})})
    return found[0] if found else None


def request_created(client: Client, event: str, wish: Wish) -> None:
    """The person asked hears of a new request by mail (their colleagues see it on their page)."""
    queue_mail(client, event, "request", wish.target, wish.id, {"wish": wish.id})


def meetings_published(client: Client, event: str, version: int, told: dict[str, list[dict[str, str]]]) -> int:
    """One mail per attendee whose meetings this publish added, moved or removed; returns how many."""
    changes: dict[str, tuple[str, dict[str, Any]]] = {}
    for who, entries in told.items():
        found = {e["wish"]: e["change"] for e in entries if e.get("wish") and e.get("change")}
        if found:
            changes[who] = (f"v{version}", {"changes": found})
    return len(queue_mails(client, event, "published", changes))


def invite(client: Client, event: str, people: Iterable[str], batch: str) -> int:
    """An invitation mail per attendee, once per batch (a form sent twice sends nothing more)."""
    return len(queue_mails(client, event, "invitation", {who: (batch, {}) for who in people}))
