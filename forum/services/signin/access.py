"""Signing in: personal links (signed, expiring, single use), access codes, sessions."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from forum.domain import Attendee
from forum.errors import Forbidden, InvalidInput, NotFound, TooManyAttempts
from forum.services.signin import limits
from forum.store import EventStore
from forum.store.access_codes import CODE_ALPHABET, CODE_LENGTH, AccessCodes
from forum.store.attempts import FailedAttempts
from forum.store.connection import Client
from forum.store.sessions import SessionStore

LINK_MAX_AGE = 7 * 24 * 3600
EVENT_ID = re.compile(r"[A-Za-z0-9_.-]{1,100}")  # the ids instance files may use (domain/instance_json.py)


@dataclass(frozen=True)
class LinkTarget:
    event: str
    attendee: str
    nonce: str


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="forum-signin-link")


def create_session(client: Client, event: str, attendee_id: str) -> str:
    """A session for an attendee of the event; returns the `forum_session` cookie value."""
    EventStore(client).entities(event, Attendee).get(attendee_id)
    return SessionStore(client).create(event, attendee_id)


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


def known_event(client: Client, event: str) -> str:
    """The event id a form names, checked (format, length, existence) before any key is built from it."""
    if not event:
        raise InvalidInput("Choose your event.")
    if not EVENT_ID.fullmatch(event) or not EventStore(client).exists(event):
        raise NotFound("There is no such event here. Choose your event from the list.")
    return event


def clean_code(code: str) -> str:
    """The code as typed (any case, spaces or dashes between groups), or a refusal saying what a code looks like."""
    cleaned = "".join(code.replace("-", " ").split()).upper()
    if not cleaned:
        raise InvalidInput(f"Enter the {CODE_LENGTH}-character access code from your invitation.")
    if len(cleaned) != CODE_LENGTH or not set(cleaned) <= set(CODE_ALPHABET):
        raise InvalidInput(f"An access code has {CODE_LENGTH} characters: letters and the digits 2 to 9 "
                           "(there is no 0, O, 1 or I).")
    return cleaned


def sign_in_with_code(client: Client, secret: str, event: str, code: str, client_address: str) -> str:
    """Sign in with the access code. Input is checked before anything is written; only wrong codes count
    against the client network's and the event's budgets (limits.py)."""
    event = known_event(client, event)
    cleaned = clean_code(code)
    attempts, budgets = FailedAttempts(client, event), limits.budgets(client_address)
    spent = attempts.exhausted(budgets)
    if spent:
        raise TooManyAttempts(limits.refusal(spent))
    attendee = AccessCodes(client, secret).attendee_of(event, cleaned)
    if attendee is None:
        attempts.record(budgets)
        raise Forbidden("That access code is not valid for this event.")
    return create_session(client, event, attendee)
