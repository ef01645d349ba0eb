"""The sign-in links and access codes organizers send to attendees.

Codes are stored only as keyed hashes, so a code can be shown once: when it is issued. Issuing a new code
retires the attendee's previous one, and is audited.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from forum.domain import Attendee
from forum.errors import Conflict
from forum.services.csv_cells import rows_to_csv
from forum.services.signin.access import make_link_token
from forum.store import EventStore
from forum.store.access_codes import AccessCodes
from forum.store.audit import AuditLog
from forum.store.connection import Client

LIST_LIMIT = 300  # attendees listed on one page; the CSV always has everyone
NO_ORIGIN = ("Sign-in links need the address attendees open: set FORUM_PUBLIC_ORIGIN "
             "(e.g. https://forum.example.org) and restart the web app.")


@dataclass(frozen=True)
class Invitation:
    attendee: Attendee
    link: str = ""
    code: str = ""  # only right after it was issued


def attendees_page(client: Client, event: str, query: str) -> tuple[list[Attendee], int]:
    """Attendees whose id, name, organization or role contains `query`, first LIST_LIMIT; and how many match."""
    words = query.strip().lower()[:100]
    people = sorted(EventStore(client).entities(event, Attendee).all(), key=lambda a: (a.role, a.name, a.id))
    found = [a for a in people if not words or words in f"{a.id} {a.name} {a.organization} {a.role}".lower()]
    return found[:LIST_LIMIT], len(found)


def _link(client: Client, secret: str, origin: str, event: str, attendee: str) -> str:
    if not origin:
        raise Conflict(NO_ORIGIN)
    return f"{origin.rstrip('/')}/signin/{make_link_token(client, secret, event, attendee)}"


def _audit(who: str, action: str, attendee: str, detail: str) -> dict[str, Any]:
    return {"at": time.time(), "who": who, "action": action, "attendee": attendee, "detail": detail}


def invitation(client: Client, secret: str, origin: str, event: str, attendee: str,
               organizer: str = "") -> Invitation:
    """A fresh personal link for one attendee (earlier links keep working until used or expired). Audited."""
    person = EventStore(client).entities(event, Attendee).get(attendee)
    link = _link(client, secret, origin, event, attendee)
    AuditLog(client).append(event, _audit(organizer, "sign-in link", attendee, f"1 link for {attendee}"))
    return Invitation(person, link=link)


def new_code(client: Client, secret: str, event: str, organizer: str, attendee: str) -> Invitation:
    """A new access code for one attendee, shown once; their previous code stops working. Audited."""
    person = EventStore(client).entities(event, Attendee).get(attendee)
    entry = _audit(organizer, "new access code", attendee, f"{attendee} ({person.name}): the previous code "
                                                           "no longer works")
    code = AccessCodes(client, secret).issue(event, [attendee], entry)[attendee]
    return Invitation(person, code=code)


def invitations_csv(client: Client, secret: str, origin: str, event: str, organizer: str,
                    with_codes: bool = False) -> str:
    """One row per attendee with a fresh link, for a mail merge; `with_codes` also issues everyone a new
    access code (every code sent before stops working), audited once for the whole file."""
    if not origin:
        raise Conflict(NO_ORIGIN)
    people = sorted(EventStore(client).entities(event, Attendee).all(), key=lambda a: a.id)
    codes: dict[str, str] = {}
    if with_codes and people:
        entry = _audit(organizer, "new access codes", "", f"for all {len(people)} attendees (sign-in links CSV); "
                                                          "earlier codes no longer work")
        codes = AccessCodes(client, secret).issue(event, [a.id for a in people], entry)
    rows = [(a.id, a.name, a.email, a.role, _link(client, secret, origin, event, a.id),
             *((codes[a.id],) if with_codes else ())) for a in people]
    AuditLog(client).append(event, _audit(organizer, "sign-in links", "", f"{len(rows)} links (CSV)"))
    return rows_to_csv(("id", "name", "email", "role", "link", *(("access_code",) if with_codes else ())), rows)
