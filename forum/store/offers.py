"""Standby offers of a freed slot, and taking one: the first taker gets it, checked and written atomically."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import redis

from forum.domain import Meeting, PitchPlacement
from forum.errors import Conflict, NotFound
from forum.store import keys
from forum.store.connection import commit, watch
from forum.store.entities import EntityStore

ATTEMPTS = 50  # a claim races every other claim and publish of the event; each retry re-reads the schedule
KEEP = 2 * 24 * 3600  # offers are for the same day; the record stays a little longer for the report
OFFER_ID = re.compile(r"[0-9a-f]{20}")
DUE = f"{keys.PREFIX}:floor:due"  # offers still to announce when they open: score = epoch seconds


@dataclass(frozen=True)
class Offer:
    """A slot and table freed on the day, offered to the people who wished to meet `person` then."""

    id: str
    event: str
    freed: str  # the meeting whose slot was freed
    person: str  # who is free then
    slot: str
    table: str
    wishes: tuple[tuple[str, str], ...]  # (recipient, their open wish with `person`)
    visible_from: str  # event-local ISO time: a decline's undo window comes first
    expires: str  # event-local ISO time: nobody can take it from then on
    taken_by: str = ""
    meeting: str = ""  # the meeting the taker got

    def wish_of(self, recipient: str) -> str | None:
        return dict(self.wishes).get(recipient)


def encode(o: Offer) -> str:
    d = {"id": o.id, "event": o.event, "freed": o.freed, "person": o.person, "slot": o.slot, "table": o.table,
         "wishes": [list(w) for w in o.wishes], "visible_from": o.visible_from, "expires": o.expires,
         "taken_by": o.taken_by, "meeting": o.meeting}
    return json.dumps(d, separators=(",", ":"), ensure_ascii=False)


def decode(raw: str) -> Offer:
    d = json.loads(raw)
    return Offer(d["id"], d["event"], d["freed"], d["person"], d["slot"], d["table"],
                 tuple((str(r), str(w)) for r, w in d["wishes"]), d["visible_from"], d["expires"],
                 d.get("taken_by", ""), d.get("meeting", ""))


Claim = Callable[[Offer, list[Meeting]], Meeting]


class OfferStore:
    def __init__(self, client: redis.Redis, event: str) -> None:
        self.client, self.event = client, event
        self.meetings = EntityStore(client, event, Meeting)
        self.pitches = EntityStore(client, event, PitchPlacement)

    def key(self, offer: str) -> str:
        return keys.record(self.event, "offer", offer)

    def all_key(self) -> str:
        return keys.record(self.event, "offers", "all")

    def of_key(self, attendee: str) -> str:
        return keys.record(self.event, "offers_of", attendee)

    def add(self, offer: Offer, due_at: float | None = None) -> bool:
        """Store a new offer and list it for each recipient; False if this offer exists already. An offer
        that opens later (`due_at`, epoch seconds) waits in the list the sweeper announces from."""
        if not self.client.set(self.key(offer.id), encode(offer), ex=KEEP, nx=True):
            return False
        with self.client.pipeline(transaction=True) as pipe:
            pipe.sadd(self.all_key(), offer.id)
            pipe.expire(self.all_key(), KEEP)
            for recipient, _ in offer.wishes:
                pipe.sadd(self.of_key(recipient), offer.id)
                pipe.expire(self.of_key(recipient), KEEP)
            if due_at is not None:
                pipe.zadd(DUE, {f"{self.event} {offer.id}": due_at})
            pipe.execute()
        return True

    def find(self, offer: str) -> Offer | None:
        if not OFFER_ID.fullmatch(offer):
            return None  # never a key built from whatever was typed into the address
        raw = self.client.get(self.key(offer))
        return None if raw is None else decode(str(raw))

    def of(self, attendee: str) -> list[Offer]:
        """The offers made to `attendee` that they have not passed on (any state; the caller judges)."""
        ids = sorted(str(x) for x in self.client.smembers(self.of_key(attendee)))
        raws = self.client.mget([self.key(i) for i in ids]) if ids else []
        return [decode(str(r)) for r in raws if r is not None]

    def open(self, now: str) -> list[Offer]:
        """The event's offers nobody has taken that can still be taken at `now` (event-local ISO time)."""
        ids = sorted(str(x) for x in self.client.smembers(self.all_key()))
        raws = self.client.mget([self.key(i) for i in ids]) if ids else []
        return [o for r in raws if r is not None and not (o := decode(str(r))).taken_by and o.expires > now]

    def pass_on(self, attendee: str, offer: str) -> None:
        self.client.srem(self.of_key(attendee), offer)

    def claim(self, offer_id: str, taker: str, compute: Claim) -> tuple[Offer, Meeting]:
        """Give the offer's slot to `taker`: `compute` checks the offer and the schedule as they are now and
        returns the meeting to create (or raises to refuse); the meeting and the closed offer are written in
        one MULTI.

        The offer, the pitches and every meeting are watched, as a publish watches them: a rival taker, an
        answer or a publish in between restarts the check with what they wrote, and a publish that starts
        after sees the new accepted meeting and keeps it (its merge never moves accepted meetings).
        """
        key, first = self.key(offer_id), self.find(offer_id)
        if first is None:
            raise NotFound("There is no such offer.")
        new = [self.meetings.key(w) for _, w in first.wishes]  # a meeting created now may not be indexed yet
        for _ in range(ATTEMPTS):
            with self.client.pipeline(transaction=True) as pipe:
                try:
                    watch(pipe, key, self.meetings.index_key, self.pitches.index_key, *new,
                          *[self.meetings.key(i) for i in self.meetings.ids()])
                    offer = self.find(offer_id)
                    if offer is None:
                        raise NotFound("There is no such offer.")
                    meeting = compute(offer, self.meetings.all())
                    taken = replace(offer, taken_by=taker, meeting=meeting.id)
                    pipe.multi()
                    self.meetings.stage(pipe, [meeting])
                    pipe.set(key, encode(taken), ex=KEEP)
                    commit(self.client, pipe)
                    return taken, meeting
                except redis.WatchError:
                    continue
        raise Conflict("Many people are taking offers right now; please try again.")


def due_offers(client: redis.Redis, until: float, limit: int = 100) -> dict[str, list[str]]:
    """Every event's offers that opened by `until`, removed from the waiting list: event -> offer ids."""
    out: dict[str, list[str]] = {}
    for member in [str(m) for m in client.zrangebyscore(DUE, "-inf", until, start=0, num=limit)]:
        if client.zrem(DUE, member):
            event, _, offer = member.partition(" ")
            out.setdefault(event, []).append(offer)
    return out
