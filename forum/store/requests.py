"""Meeting requests (wishes) by person: who sent and who received what, and guarded status changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import redis

from forum.checker.rules import is_open
from forum.domain import Wish, WishStatus
from forum.errors import Conflict, NotFound
from forum.store import keys
from forum.store.connection import Pipeline, commit, watch
from forum.store.entities import EntityStore

ATTEMPTS = 10
NO_SUCH = "There is no such request."
BUSY = "Too many changes at once; please try again."


def sent_key(event: str, attendee: str) -> str:
    return keys.record(event, "wishes_sent", attendee)


def received_key(event: str, attendee: str) -> str:
    return keys.record(event, "wishes_received", attendee)


def built_key(event: str) -> str:
    # Gone after an import (stage_forget_index, or a wipe in tests): the next read rebuilds the index.
    return keys.record(event, "wishes_by_person", "built")


def forgotten_key(event: str) -> str:
    """Counts the times the index was forgotten: a rebuild that read the wishes before one is thrown away."""
    return keys.record(event, "wishes_by_person", "forgotten")


def stage_forget_index(pipe: Pipeline, client: redis.Redis, event: str) -> None:
    """Queue the deletion of every by-person set and of the built marker: the next read rebuilds them.

    For a change that replaces wishes wholesale (an import): a reused wish id must not stay in the sets of
    the people of the wish it replaced. The caller WATCHes `built_key`, so a rebuild racing with the scan
    below restarts its transaction rather than leave a set behind.
    """
    patterns = [keys.record(event, kind, "*") for kind in ("wishes_sent", "wishes_received")]
    stale = [str(k) for p in patterns for k in client.scan_iter(match=p, count=1000)]
    for i in range(0, len(stale), 1000):
        pipe.delete(*stale[i : i + 1000])
    pipe.delete(built_key(event))
    pipe.incr(forgotten_key(event))


def _refusal(mine: list[Wish], wish: Wish, max_open: int) -> str | None:
    """Why the requester may not send `wish` now, given the requests in their set; None when they may."""
    own = [w for w in mine if w.requester == wish.requester]
    same = [w for w in own if w.target == wish.target]
    if any(is_open(w) for w in same):
        return "You already asked this person for a meeting."
    if any(w.status is WishStatus.DECLINED for w in same):
        return "This person declined your request; you can ask again only if they reopen it."
    if sum(1 for w in own if is_open(w)) >= max_open:
        return f"You have {max_open} open requests; withdraw some before asking again."
    return None


def _stage_index(pipe: Pipeline, event: str, wish: Wish) -> None:
    for person in (wish.requester, *wish.colleagues):
        pipe.sadd(sent_key(event, person), wish.id)
    pipe.sadd(received_key(event, wish.target), wish.id)


class RequestStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event
        self.wishes = EntityStore(client, event, Wish)

    def _ensure_index(self) -> None:
        """Build the by-person sets from the wishes when they are not built (a new event, or after an import)."""
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, forgotten_key(self.event))
                    if pipe.exists(built_key(self.event)):
                        return
                    wishes = self.wishes.all()
                    pipe.multi()
                    for wish in wishes:
                        _stage_index(pipe, self.event, wish)
                    pipe.set(built_key(self.event), "1")
                    pipe.execute()  # derived data, rebuilt from the wishes if lost: no wait for the disk
                    return
                except redis.WatchError:
                    continue  # forgotten meanwhile: the wishes we read may be the ones an import replaced
        raise Conflict(BUSY)

    def sent(self, attendee: str) -> list[Wish]:
        """Requests the attendee made or joins as a colleague."""
        self._ensure_index()
        ids = sorted(str(x) for x in self.client.smembers(sent_key(self.event, attendee)))
        return self.wishes.get_many(ids)

    def received(self, attendee: str) -> list[Wish]:
        self._ensure_index()
        ids = sorted(str(x) for x in self.client.smembers(received_key(self.event, attendee)))
        return self.wishes.get_many(ids)

    def ids_of(self, people: list[str]) -> set[str]:
        """Ids of the requests these people made, join or received, in one round trip (ids only: a popular
        buyer receives hundreds, and a page checking a few places needs just those with a meeting)."""
        self._ensure_index()
        with self.client.pipeline(transaction=False) as pipe:
            for person in people:
                pipe.smembers(sent_key(self.event, person))
                pipe.smembers(received_key(self.event, person))
            found = pipe.execute()
        return {str(x) for members in found for x in members}

    def find(self, wish_id: str) -> Wish | None:
        return self.wishes.find(wish_id)

    def add(self, wish: Wish, max_open: int) -> None:
        """Store a new request unless the requester already has an open one to the same person, was declined by
        them (until they reopen it) or has `max_open` open requests; checked and written in one WATCH/MULTI,
        on disk on return.
        """
        index = sent_key(self.event, wish.requester)
        for _ in range(ATTEMPTS):
            self._ensure_index()
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    # Each request of theirs joins their set, so two sent at once cannot both pass; an import
                    # that forgets the index meanwhile deletes the marker, and we look again once rebuilt.
                    watch(pipe, index, built_key(self.event))
                    if not pipe.exists(built_key(self.event)):
                        continue
                    mine = self.wishes.get_many(sorted(str(x) for x in pipe.smembers(index)))
                    refused = _refusal(mine, wish, max_open)
                    if refused:
                        raise Conflict(refused)
                    pipe.multi()
                    self.wishes.stage(pipe, [wish])
                    _stage_index(pipe, self.event, wish)
                    commit(self.client, pipe)
                    return
                except redis.WatchError:
                    continue
        raise Conflict(BUSY)

    def reopen(self, wish_id: str, target: str) -> tuple[Wish, Wish]:
        """The person asked takes back their decline: the request is pending again. Returns (before, after)."""
        key = self.wishes.key(wish_id)
        for _ in range(ATTEMPTS):
            self._ensure_index()
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, key)
                    before = self.find(wish_id)
                    if before is None or before.target != target:
                        raise NotFound(NO_SUCH)  # someone else's: say nothing more
                    if before.status is not WishStatus.DECLINED:
                        raise Conflict(f"This request is {before.status.value}; only a declined one can be reopened.")
                    index = sent_key(self.event, before.requester)
                    watch(pipe, index)
                    theirs = self.wishes.get_many(sorted(str(x) for x in pipe.smembers(index)))
                    if any(w.id != wish_id and w.requester == before.requester and w.target == target
                           and is_open(w) for w in theirs):
                        raise Conflict("This person has another open request to you; answer that one instead.")
                    after = replace(before, status=WishStatus.PENDING)
                    pipe.multi()
                    self.wishes.stage(pipe, [after])
                    commit(self.client, pipe)
                    return before, after
                except redis.WatchError:
                    continue
        raise Conflict(BUSY)

    def change(self, wish_id: str, change: Callable[[Wish], Wish]) -> tuple[Wish, Wish]:
        """Apply `change` to the request as it is now (it may raise to refuse); returns (before, after)."""
        return self.wishes.change(wish_id, change, NO_SUCH, BUSY)
