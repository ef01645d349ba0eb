"""Signing in: personal links (signed, expiring, single use), access codes, sessions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from forum.domain import Attendee
from forum.errors import Forbidden, InvalidInput, TooManyAttempts
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.sessions import SessionStore

LINK_MAX_AGE = 7 * 24 * 3600
ATTEMPTS_PER_WINDOW = 10
ATTEMPT_WINDOW = 15 * 60


@dataclass(frozen=True)
class LinkTarget:
    event: str
    attendee: str
    nonce: str


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="forum-signin-link")


def create_session(client: Client, event: str, attendee_id: str) -> str:
    """A session for an attendee of the event; returns the `forum_session` cookie value."""
    attendee = EventStore(client).entities(event, Attendee).get(attendee_id)
    return SessionStore(client).create(event, attendee.id, attendee.role)


def make_link_token(client: Client, secret: str, event: str, attendee_id: str) -> str:
    """A new sign-in link token; an earlier link keeps working until used or expired."""
    EventStore(client).entities(event, Attendee).get(attendee_id)
    nonce = secrets.token_urlsafe(16)
    SessionStore(client).put_nonce(event, nonce, attendee_id, LINK_MAX_AGE)
    return _serializer(secret).dumps({"e": event, "a": attendee_id, "n": nonce})


def read_link(secret: str, token: str) -> LinkTarget:
    """Check the signature and age without using the link (a mail scanner's GET must not burn it)."""
    try:
        data = _serializer(secret).loads(token, max_age=LINK_MAX_AGE)
    except SignatureExpired:
        raise Forbidden("This sign-in link has expired. Ask the organizers for a new one.") from None
    except BadSignature:
        raise Forbidden("This sign-in link is not valid. Check that it was copied whole.") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("e", "a", "n")):
        raise Forbidden("This sign-in link is not valid.")
    return LinkTarget(data["e"], data["a"], data["n"])


def confirm_link(client: Client, secret: str, token: str) -> str:
    """Use the link once; returns a session cookie value."""
    target = read_link(secret, token)
    owner = SessionStore(client).take_nonce(target.event, target.nonce)
    if owner != target.attendee:
        raise Forbidden("This sign-in link was already used. Ask for a new one or sign in with your access code.")
    return create_session(client, target.event, target.attendee)


def sign_in_with_code(client: Client, event: str, code: str, client_address: str) -> str:
    """Sign in with the short access code; attempts are rate-limited per event and address."""
    sessions = SessionStore(client)
    if not sessions.allow_attempt(f"{event}:{client_address}", ATTEMPTS_PER_WINDOW, ATTEMPT_WINDOW):
        raise TooManyAttempts("Too many attempts. Please wait 15 minutes and try again.")
    cleaned = "".join(code.split()).upper()
    if not cleaned or len(cleaned) > 20:
        raise InvalidInput("Enter the 8-character access code from your invitation.")
    attendee = sessions.attendee_of_code(event, cleaned) if EventStore(client).exists(event) else None
    if attendee is None:
        raise Forbidden("That access code is not valid for this event.")
    return create_session(client, event, attendee)
