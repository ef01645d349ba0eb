"""Who a session cookie belongs to (their role read from the attendee record), ending sessions, link targets."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from forum.domain import Attendee
from forum.services.signin.access import LinkTarget
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.sessions import SessionStore


@dataclass(frozen=True)
class Session:
    event: str
    attendee: str
    role: str  # from the attendee record at this request, never from the time of sign-in
    csrf: str


def session_of(client: Client, cookie: str) -> Session | None:
    """The live session a `forum_session` cookie names, or None (unknown, expired, malformed, or its attendee
    is no longer in the event). The role is read now, so a demotion or a removal takes effect at once."""
    sessions = SessionStore(client)
    record = sessions.get(cookie)
    if record is None:
        return None
    person = EventStore(client).entities(record.event, Attendee).find(record.attendee)
    if person is None:
        sessions.delete(cookie)  # a later attendee given the same id must not inherit it
        return None
    return Session(record.event, record.attendee, person.role, record.csrf)


def end_session(client: Client, cookie: str) -> None:
    SessionStore(client).delete(cookie)


def end_sessions_of(client: Client, event: str, organizer: str, attendee: str) -> int:
    """An organizer signs one attendee out everywhere (lost phone, left the company); audited. Returns how many
    sessions ended."""
    person = EventStore(client).entities(event, Attendee).get(attendee)

    def audit(count: int) -> dict[str, Any]:
        return {"at": time.time(), "who": organizer, "action": "end sessions", "attendee": attendee,
                "detail": f"{attendee} ({person.name}): {count} session{'' if count == 1 else 's'} ended"}

    return SessionStore(client).revoke_attendee(event, attendee, audit)


def invited(client: Client, target: LinkTarget) -> Attendee | None:
    """The attendee a sign-in link is for, None when they are no longer in the event."""
    return EventStore(client).entities(target.event, Attendee).find(target.attendee)
