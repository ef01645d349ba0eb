"""Access codes, kept only as keyed hashes: a copy of the store holds no code and cannot be searched for one."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from typing import Any

import redis

from forum.store import keys
from forum.store.audit import stage_entry
from forum.store.connection import watch

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a noisy hall
CODE_LENGTH = 10  # 32**10 ≈ 1.1e15 codes: see README "Sign-in limits" for why not 8


def code_digest(secret: str, event: str, code: str) -> str:
    """HMAC with the site's secret key: without the key, even a full dump cannot be brute-forced offline."""
    return hmac.new(secret.encode(), f"{event}\n{code}".encode(), hashlib.sha256).hexdigest()[:40]


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class AccessCodes:
    """`code_hash:<digest>` → attendee, and `attendee_code_hash:<attendee>` → digest (to retire the old code)."""

    def __init__(self, client: redis.Redis, secret: str) -> None:
        self.client, self.secret = client, secret

    def _lookup(self, event: str, digest: str) -> str:
        return keys.record(event, "code_hash", digest)

    def _mine(self, event: str, attendee: str) -> str:
        return keys.record(event, "attendee_code_hash", attendee)

    def attendee_of(self, event: str, code: str) -> str | None:
        value = self.client.get(self._lookup(event, code_digest(self.secret, event, code)))
        return None if value is None else str(value)

    def issue(self, event: str, attendees: Sequence[str], audit: dict[str, Any] | None = None) -> dict[str, str]:
        """New codes for `attendees` (their previous codes stop working), with the audit entry, in one
        transaction; returns attendee → code. The clear codes exist only in this return value."""
        while True:
            try:
                return self._issue_once(event, attendees, audit)
            except redis.WatchError:
                continue  # someone issued a code for one of them meanwhile: start again from their new state

    def _issue_once(self, event: str, attendees: Sequence[str], audit: dict[str, Any] | None) -> dict[str, str]:
        mine = [self._mine(event, a) for a in attendees]
        with self.client.pipeline(transaction=True) as pipe:
            if mine:
                watch(pipe, *mine)
            old = pipe.mget(mine) if mine else []
            codes = self._fresh(pipe, event, len(attendees))
            pipe.multi()
            for key, attendee, previous, code in zip(mine, attendees, old, codes, strict=True):
                digest = code_digest(self.secret, event, code)
                if previous is not None:
                    pipe.delete(self._lookup(event, str(previous)))
                pipe.set(self._lookup(event, digest), attendee)
                pipe.set(key, digest)
            if audit is not None:
                stage_entry(pipe, event, audit)
            pipe.execute()
        return dict(zip(attendees, codes, strict=True))

    def _fresh(self, pipe: Any, event: str, count: int) -> list[str]:
        """`count` distinct codes that no attendee holds (a clash in 2**50 is rare, but it would merge two people)."""
        codes: list[str] = []
        while len(codes) < count:
            batch = list({_new_code() for _ in range(count - len(codes))} - set(codes))
            names = [self._lookup(event, code_digest(self.secret, event, c)) for c in batch]
            watch(pipe, *names)
            taken = pipe.mget(names)
            codes += [c for c, owner in zip(batch, taken, strict=True) if owner is None]
        return codes

