"""Server-side sessions (event, attendee, CSRF token: never the role) and single-use sign-in nonces."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis

from forum.store import keys
from forum.store.audit import stage_entry

SESSION_TTL = 14 * 24 * 3600
COOKIE_MAX = 300  # longer cookies are not ours: refused before any key is built from them


def _digest(token: str) -> str:
    # Only a hash of the token is stored, so a leaked dump of Redis holds no usable session.
    return hashlib.sha256(token.encode()).hexdigest()[:40]


@dataclass(frozen=True)
class SessionRecord:
    """Who signed in, not what they may do: the role is read from the attendee record on every request, so a
    demotion or a removal takes effect at the next request."""

    event: str
    attendee: str
    csrf: str


class SessionStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def create(self, event: str, attendee: str) -> str:
        """A new session; returns the cookie value `<event>.<token>`."""
        token = secrets.token_urlsafe(32)
        digest = _digest(token)
        record = {"attendee": attendee, "csrf": secrets.token_urlsafe(24), "created": time.time()}
        index = keys.record(event, "attendee_sessions", attendee)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(keys.record(event, "session", digest), json.dumps(record), ex=SESSION_TTL)
            pipe.sadd(index, digest)
            pipe.expire(index, SESSION_TTL)
            pipe.execute()
        return f"{event}.{token}"

    def get(self, cookie: str) -> SessionRecord | None:
        event, _, token = cookie.rpartition(".")
        if not event or not token or len(cookie) > COOKIE_MAX:
            return None
        raw = self.client.get(keys.record(event, "session", _digest(token)))
        if raw is None:
            return None
        data = json.loads(raw)
        return SessionRecord(event, data["attendee"], data["csrf"])

    def delete(self, cookie: str) -> None:
        event, _, token = cookie.rpartition(".")
        if event and token and len(cookie) <= COOKIE_MAX:
            self.client.delete(keys.record(event, "session", _digest(token)))

    def revoke_attendee(self, event: str, attendee: str,
                        audit: Callable[[int], dict[str, Any]] | None = None) -> int:
        """End every session of one attendee (lost phone, left the company); returns how many were live.
        `audit(count)` builds the audit entry written in the same transaction."""
        index = keys.record(event, "attendee_sessions", attendee)
        names = [keys.record(event, "session", str(d)) for d in self.client.smembers(index)]
        live = int(self.client.exists(*names)) if names else 0
        with self.client.pipeline(transaction=True) as pipe:
            if names:
                pipe.delete(*names)
            pipe.delete(index)
            if audit is not None:
                stage_entry(pipe, event, audit(live))
            pipe.execute()
        return live

    def put_nonce(self, event: str, nonce: str, attendee: str, ttl: int) -> None:
        self.client.set(keys.record(event, "signin", nonce), attendee, ex=ttl)

    def take_nonce(self, event: str, nonce: str) -> str | None:
        """Consume a sign-in nonce atomically: of two concurrent confirmations only one wins."""
        value = self.client.getdel(keys.record(event, "signin", nonce))
        return None if value is None else str(value)
