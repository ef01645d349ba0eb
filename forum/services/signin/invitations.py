"""The sign-in links and access codes organizers send to attendees."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from forum.domain import Attendee
from forum.services.signin.access import make_link_token
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.sessions import SessionStore

LIST_LIMIT = 300  # attendees listed on one page; the CSV always has everyone


@dataclass(frozen=True)
class Invitation:
    attendee: Attendee
    link: str
    code: str


def attendees_page(client: Client, event: str, query: str) -> tuple[list[Attendee], int]:
    """Attendees whose id, name, organization or role contains `query`, first LIST_LIMIT; and how many match."""
    words = query.strip().lower()[:100]
    people = sorted(EventStore(client).entities(event, Attendee).all(), key=lambda a: (a.role, a.name, a.id))
    found = [a for a in people if not words or words in f"{a.id} {a.name} {a.organization} {a.role}".lower()]
    return found[:LIST_LIMIT], len(found)


def invitation(client: Client, secret: str, origin: str, event: str, attendee: str) -> Invitation:
    person = EventStore(client).entities(event, Attendee).get(attendee)
    token = make_link_token(client, secret, event, attendee)
    return Invitation(person, f"{origin.rstrip('/')}/signin/{token}", SessionStore(client).access_code(event, attendee))


def invitations_csv(client: Client, secret: str, origin: str, event: str) -> str:
    """One row per attendee with a fresh link and their access code, for a mail merge."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("id", "name", "email", "role", "link", "access_code"))
    for a in sorted(EventStore(client).entities(event, Attendee).all(), key=lambda a: a.id):
        found = invitation(client, secret, origin, event, a.id)
        writer.writerow((a.id, a.name, a.email, a.role, found.link, found.code))
    return out.getvalue()
