"""Each attendee's mail settings (language, opt-out) and the signed stop link that works without signing in."""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeSerializer

from forum.domain import Attendee
from forum.errors import Forbidden, InvalidInput
from forum.services.mail.catalogue import DEFAULT_LANGUAGE, LANGUAGES
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.mail import MailStore

TOKEN_CHARS = 400  # a stop token is about 80 characters; anything far longer is not ours


@dataclass(frozen=True)
class MailPrefs:
    language: str = DEFAULT_LANGUAGE
    opted_out: bool = False  # no mails but invitations


@dataclass(frozen=True)
class StopTarget:
    event: str
    attendee: Attendee


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="forum-mail-stop")


def preferences(client: Client, event: str, attendee: str) -> MailPrefs:
    """The attendee's settings; English and subscribed until they say otherwise."""
    found = MailStore(client).preferences(event, attendee)
    lang = found.get("language")
    return MailPrefs(lang if lang in LANGUAGES else DEFAULT_LANGUAGE, found.get("opted_out") is True)


def save_preferences(client: Client, event: str, attendee: str, language: str, opted_out: bool) -> MailPrefs:
    """Set the attendee's mail language and opt-out (the attendee is checked to exist first)."""
    if language not in LANGUAGES:
        raise InvalidInput("Choose English or French for your mails.")
    EventStore(client).entities(event, Attendee).get(attendee)
    MailStore(client).set_preferences(event, attendee, {"language": language, "opted_out": opted_out})
    return MailPrefs(language, opted_out)


def stop_token(secret: str, event: str, attendee: str) -> str:
    """The token of the stop link in every mail; it never expires (old mails keep working)."""
    return _serializer(secret).dumps({"e": event, "a": attendee})


def read_stop_token(client: Client, secret: str, token: str) -> StopTarget:
    """Whose mails a stop link is about; Forbidden for a forged, damaged or foreign token."""
    if len(token) > TOKEN_CHARS:
        raise InvalidInput("This link is far too long to be one of ours. Check that it was copied whole.")
    try:
        data = _serializer(secret).loads(token)
    except BadSignature:
        raise Forbidden("This unsubscribe link is not valid. Check that it was copied whole from the mail.") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("e", "a")):
        raise Forbidden("This unsubscribe link is not valid.")
    store = EventStore(client)
    person = store.entities(data["e"], Attendee).find(data["a"]) if store.exists(data["e"]) else None
    if person is None:
        raise Forbidden("This unsubscribe link is for someone who is no longer at this event.")
    return StopTarget(data["e"], person)


def stop_mails(client: Client, secret: str, token: str) -> StopTarget:
    """Opt the link's attendee out (their language stays); invitations still come."""
    target = read_stop_token(client, secret, token)
    current = preferences(client, target.event, target.attendee.id)
    save_preferences(client, target.event, target.attendee.id, current.language, True)
    return target
