"""Each event day's agenda mail: once per attendee and day, queued by the workers' sweeper in the morning
(event time) for everyone with a live meeting or a pitch session that day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from forum.checker.rules import is_live
from forum.domain import Meeting, PitchSession, Project, Slot
from forum.services.events import zone_of
from forum.services.mailing import queue_mails
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.mail import MailStore
from forum.store.schedule import ScheduleStore


def people_on(client: Client, event: str, day: date) -> set[str]:
    """Who has a live meeting, presents a pitch or sits on a panel during `day` (local event time)."""
    store = EventStore(client)
    slots = {s.id: s for s in store.entities(event, Slot).all() if s.start.date() == day}
    if not slots:
        return set()
    parties = ScheduleStore(client).parties(event)
    people = {who for m in store.entities(event, Meeting).all() if m.slot in slots and is_live(m)
              for who in (parties[m.wish].participants if m.wish in parties else ())}
    placed = [p for p in store.pitches(event) if p.slot in slots]
    if placed:
        projects = {p.id: p for p in store.entities(event, Project).get_many(sorted({x.project for x in placed}))}
        sessions = store.entities(event, PitchSession).all()
        for p in placed:
            people.update(projects[p.project].presenters if p.project in projects else ())
            people.update(who for s in sessions if p.slot in s.slots for who in s.panel)
    return people


def queue_day(client: Client, event: str, day: date) -> int:
    """Queue the day's agenda mail for everyone with something on `day`; returns how many were new (a second
    call for the same day queues none: the mail's key is the person and the day)."""
    wanted = {who: (day.isoformat(), {"day": day.isoformat()}) for who in people_on(client, event, day)}
    return len(queue_mails(client, event, "daily", wanted))


def sweep(client: Client, morning_hour: int, now: datetime | None = None) -> int:
    """For each event where it is past `morning_hour` on one of its days, queue that day's mails the first
    time the day is seen (one store mark per event and day); returns how many mails were queued."""
    now = now or datetime.now(UTC)
    store, marks, queued = EventStore(client), MailStore(client), 0
    for found in store.all_events():
        local = now.astimezone(zone_of(found))
        if local.hour < morning_hour:
            continue
        day = local.date()
        if not any(s.start.date() == day for s in store.entities(found.id, Slot).all()):
            continue
        if marks.first_of_day(found.id, day.isoformat()):
            queued += queue_day(client, found.id, day)
    return queued
