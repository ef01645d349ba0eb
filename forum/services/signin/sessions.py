"""Who a session cookie belongs to, ending a session, and whom a sign-in link invites."""

from __future__ import annotations

from forum.domain import Attendee
from forum.services.signin.access import LinkTarget
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.sessions import SessionRecord, SessionStore

Session = SessionRecord  # event, attendee, role, csrf


def session_of(client: Client, cookie: str) -> Session | None:
    """The live session a `forum_session` cookie names, or None (unknown, expired or malformed)."""
    return SessionStore(client).get(cookie)


def end_session(client: Client, cookie: str) -> None:
    SessionStore(client).delete(cookie)


def invited(client: Client, target: LinkTarget) -> Attendee | None:
    """The attendee a sign-in link is for, None when they are no longer in the event."""
    return EventStore(client).entities(target.event, Attendee).find(target.attendee)
