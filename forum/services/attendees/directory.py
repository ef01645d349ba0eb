"""The attendee directory: search and filters by role, organization, country and what people look for."""

from __future__ import annotations

from dataclasses import dataclass, field

from forum.domain import Attendee, Role
from forum.errors import InvalidInput, NotFound
from forum.services.attendees.requests import can_join
from forum.services.paging import page_count, page_of
from forum.store import EventStore
from forum.store.connection import Client

MAX_QUERY = 100
PAGE_SIZE = 30
HIDDEN_ROLES = {Role.ORGANIZER.value}  # the organizers run the event; nobody books them


@dataclass(frozen=True)
class Search:
    query: str = ""
    role: str = ""
    organization: str = ""
    country: str = ""
    looking_for: str = ""
    page: int = 1


@dataclass
class Found:
    people: list[Attendee]
    total: int
    page: int
    pages: int
    roles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def check_search(search: Search) -> Search:
    for name in ("query", "role", "organization", "country", "looking_for"):
        if len(getattr(search, name)) > MAX_QUERY:
            raise InvalidInput(f"Searches are limited to {MAX_QUERY} characters.")
    if not 1 <= search.page <= 10_000:
        raise InvalidInput("There is no such page.")
    return search


def _matches(a: Attendee, s: Search) -> bool:
    words = s.query.casefold().split()
    text = " ".join((a.name, a.organization, a.title, a.country, a.looking_for, a.role)).casefold()
    return (
        all(w in text for w in words)
        and (not s.role or a.role == s.role)
        and (not s.organization or s.organization.casefold() in a.organization.casefold())
        and (not s.country or a.country.casefold() == s.country.casefold())
        and (not s.looking_for or s.looking_for.casefold() in a.looking_for.casefold())
    )


def search(client: Client, event: str, viewer: str, wanted: Search) -> Found:
    """Attendees matching every filter, by name, a page at a time (the viewer and organizers left out)."""
    wanted = check_search(wanted)
    everyone = [a for a in EventStore(client).entities(event, Attendee).all()
                if a.id != viewer and a.role not in HIDDEN_ROLES]
    hits = sorted((a for a in everyone if _matches(a, wanted)), key=lambda a: (a.name.casefold(), a.id))
    pages = page_count(len(hits), PAGE_SIZE)
    page = min(wanted.page, pages)
    return Found(
        people=page_of(hits, page, PAGE_SIZE), total=len(hits), page=page, pages=pages,
        roles=sorted({a.role for a in everyone}), countries=sorted({a.country for a in everyone if a.country}),
    )


def profile(client: Client, event: str, attendee: str) -> Attendee:
    """One attendee as the directory shows them; organizers are not listed, so they are not found either."""
    found = EventStore(client).entities(event, Attendee).get(attendee)
    if found.role in HIDDEN_ROLES:
        raise NotFound("There is no such attendee at this event.")
    return found


def colleagues_of(client: Client, event: str, me: Attendee) -> list[Attendee]:
    """Who may join a meeting the viewer requests (the rule is requests.can_join's): the form offers no one else."""
    if not me.organization:
        return []
    return sorted((a for a in EventStore(client).entities(event, Attendee).all() if can_join(me, a)),
                  key=lambda a: a.name.casefold())
