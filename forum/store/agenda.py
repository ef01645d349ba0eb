"""Attendees' meetings: guarded answers, calendar feed keys and per-meeting calendar revisions."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import redis

from forum.domain import Meeting, MeetingStatus
from forum.errors import Conflict
from forum.store import keys
from forum.store.connection import commit, watch
from forum.store.entities import EntityStore

ATTEMPTS = 10
FEED_KEY_BYTES = 18

# For each meeting: bump its revision when its fingerprint (time, table, status) changed since last seen.
_REVISIONS = """
local out = {}
for i, key in ipairs(KEYS) do
  local seen = redis.call('HGET', key, 'fp')
  if seen ~= ARGV[i] then
    redis.call('HSET', key, 'fp', ARGV[i])
    redis.call('HINCRBY', key, 'seq', seen and 1 or 0)
  end
  out[#out + 1] = tonumber(redis.call('HGET', key, 'seq') or '0')
end
return out
"""


def revision_key(event: str, meeting: str) -> str:
    return keys.record(event, "meeting_revision", meeting)


class AgendaStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event
        self.meetings = EntityStore(client, event, Meeting)
        self._revisions = client.register_script(_REVISIONS)

    def meetings_of(self, wish_ids: list[str]) -> list[Meeting]:
        """A meeting's id is its wish's id, so an attendee's wishes name their meetings."""
        return self.meetings.get_many(sorted(set(wish_ids)))

    def change(self, meeting_id: str, change: Callable[[Meeting], Meeting]) -> tuple[Meeting, Meeting]:
        """Apply `change` to the published meeting as it is at this instant (WATCH/MULTI, retried).

        A publish that moves or removes the meeting meanwhile restarts the check with the new record.
        """
        return self.meetings.change(
            meeting_id, change, "There is no such meeting.", "The schedule kept changing; please try again."
        )

    def forget_declined(self, meeting_id: str) -> bool:
        """Remove the meeting if it is (still, at this instant) declined; True if it was. A publish that put a
        new meeting under this id meanwhile restarts the check, and that meeting stays."""
        key = self.meetings.key(meeting_id)
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, key)
                    found = self.meetings.find(meeting_id)
                    if found is None or found.status is not MeetingStatus.DECLINED:
                        return False
                    pipe.multi()
                    pipe.delete(key)
                    pipe.srem(self.meetings.index_key, meeting_id)
                    commit(self.client, pipe)
                    return True
                except redis.WatchError:
                    continue
        raise Conflict("The schedule kept changing; please try again.")

    def revisions(self, fingerprints: dict[str, str]) -> dict[str, int]:
        """Calendar SEQUENCE numbers: 0 when first seen, +1 each time a meeting's fingerprint changes."""
        ids = sorted(fingerprints)
        if not ids:
            return {}
        found = self._revisions(keys=[revision_key(self.event, i) for i in ids], args=[fingerprints[i] for i in ids])
        return {i: int(n) for i, n in zip(ids, found, strict=True)}

    def feed_key(self, attendee: str) -> str:
        """The secret in the attendee's calendar subscription address, created on first use."""
        mine = keys.record(self.event, "calendar_key", attendee)
        existing = self.client.get(mine)
        if existing is not None:
            return str(existing)
        key = secrets.token_urlsafe(FEED_KEY_BYTES)
        self.client.set(keys.record(self.event, "calendar_owner", key), attendee)
        if not self.client.set(mine, key, nx=True):
            self.client.delete(keys.record(self.event, "calendar_owner", key))  # lost a race; keep the winner's
            return str(self.client.get(mine))
        return key

    def owner_of_feed(self, key: str) -> str | None:
        if not key or len(key) > 64:
            return None
        found = self.client.get(keys.record(self.event, "calendar_owner", key))
        return None if found is None else str(found)
