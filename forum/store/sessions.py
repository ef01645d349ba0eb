"""Server-side sessions, single-use sign-in nonces, access codes and sign-in rate limits."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass

import redis

from forum.store import keys

SESSION_TTL = 14 * 24 * 3600
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a noisy hall


def _digest(token: str) -> str:
    # Only a hash of the token is stored, so a leaked dump of Redis holds no usable session.
    return hashlib.sha256(token.encode()).hexdigest()[:40]


@dataclass(frozen=True)
class SessionRecord:
    event: str
    attendee: str
    role: str
    csrf: str


class SessionStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def create(self, event: str, attendee: str, role: str) -> str:
        """A new session; returns the cookie value `<event>.<token>`."""
        token = secrets.token_urlsafe(32)
        digest = _digest(token)
        record = {"attendee": attendee, "role": role, "csrf": secrets.token_urlsafe(24), "created": time.time()}
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(keys.record(event, "session", digest), json.dumps(record), ex=SESSION_TTL)
            pipe.sadd(keys.record(event, "attendee_sessions", attendee), digest)
            pipe.expire(keys.record(event, "attendee_sessions", attendee), SESSION_TTL)
            pipe.execute()
        return f"{event}.{token}"

    def get(self, cookie: str) -> SessionRecord | None:
        event, _, token = cookie.rpartition(".")
        if not event or not token or len(cookie) > 300:
            return None
        raw = self.client.get(keys.record(event, "session", _digest(token)))
        if raw is None:
            return None
        data = json.loads(raw)
        return SessionRecord(event, data["attendee"], data["role"], data["csrf"])

    def delete(self, cookie: str) -> None:
        event, _, token = cookie.rpartition(".")
        if event and token:
            self.client.delete(keys.record(event, "session", _digest(token)))

    def revoke_attendee(self, event: str, attendee: str) -> int:
        """End every session of one attendee (lost phone, left the company)."""
        index = keys.record(event, "attendee_sessions", attendee)
        digests = [str(d) for d in self.client.smembers(index)]
        with self.client.pipeline(transaction=True) as pipe:
            for digest in digests:
                pipe.delete(keys.record(event, "session", digest))
            pipe.delete(index)
            pipe.execute()
        return len(digests)

    def put_nonce(self, event: str, nonce: str, attendee: str, ttl: int) -> None:
        self.client.set(keys.record(event, "signin", nonce), attendee, ex=ttl)

    def take_nonce(self, event: str, nonce: str) -> str | None:
        """Consume a sign-in nonce atomically: of two concurrent confirmations only one wins."""
        value = self.client.getdel(keys.record(event, "signin", nonce))
        return None if value is None else str(value)

    def access_code(self, event: str, attendee: str) -> str:
        """The attendee's short code, created on first use."""
        existing = self.client.get(keys.record(event, "attendee_code", attendee))
        if existing is not None:
            return str(existing)
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
            if self.client.set(keys.record(event, "access_code", code), attendee, nx=True):
                break
        if not self.client.set(keys.record(event, "attendee_code", attendee), code, nx=True):
            self.client.delete(keys.record(event, "access_code", code))  # lost a race; keep the winner's
            return str(self.client.get(keys.record(event, "attendee_code", attendee)))
        return code

    def attendee_of_code(self, event: str, code: str) -> str | None:
        value = self.client.get(keys.record(event, "access_code", code.strip().upper()))
        return None if value is None else str(value)

    def allow_attempt(self, scope: str, limit: int, window: int) -> bool:
        """Count one attempt for `scope` (event + client address); False once `limit` is passed."""
        key = f"{keys.PREFIX}:ratelimit:signin:{scope}"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, window, nx=True)
            count, _ = pipe.execute()
        return int(count) <= limit
