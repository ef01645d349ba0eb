"""The console's attendee list: a search over name, company, email, country, role and id, fifty a page."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain import Attendee
from forum.errors import InvalidInput
from forum.services.paging import page_count, page_of
from forum.store import EventStore
from forum.store.connection import Client

PAGE_SIZE = 50
QUERY_MAX = 100  # characters of the search text
ROLE_MAX = 40


@dataclass(frozen=True)
class AttendeeSearch:
    """What the organizer asked for; `page` counts from 1."""

    words: str = ""
    role: str = ""
    page: int = 1


@dataclass(frozen=True)
class AttendeePage:
    people: list[Attendee]
    total: int  # attendees matching the search
    page: int
    pages: int
    roles: list[str]  # every role of the event, for the filter


def search_from(words: str, role: str, page: str) -> AttendeeSearch:
    """The query string's values checked: a sentence for each kind of nonsense, before anything is read."""
    if len(words) > QUERY_MAX:
        raise InvalidInput(f"The search is too long: at most {QUERY_MAX} characters.")
    if len(role) > ROLE_MAX:
        raise InvalidInput("There is no such role.")
    number = page.strip() or "1"
    if not number.isdigit() or len(number) > 6 or int(number) < 1:
        raise InvalidInput(f"The page must be a whole number from 1, got {page[:20]!r}.")
    return AttendeeSearch(words.strip(), role.strip(), int(number))


def _matches(person: Attendee, words: list[str]) -> bool:
    text = " ".join((person.id, person.name, person.organization, person.email, person.country, person.role,
                     person.title)).lower()
    return all(w in text for w in words)


def attendee_page(client: Client, event: str, asked: AttendeeSearch) -> AttendeePage:
    """One page of the attendees matching every word of the search (and the role, when one is chosen), by
    role then name; a role the event does not have or a page past the last is refused with a sentence."""
    everyone = sorted(EventStore(client).entities(event, Attendee).all(), key=lambda a: (a.role, a.name, a.id))
    roles = sorted({a.role for a in everyone})
    if asked.role and asked.role not in roles:
        raise InvalidInput(f"Nobody here has the role {asked.role!r}; choose one of: {', '.join(roles)}.")
    words = asked.words.lower().split()
    found = [a for a in everyone if (not asked.role or a.role == asked.role) and _matches(a, words)]
    pages = page_count(len(found), PAGE_SIZE)
    if asked.page > pages:
        raise InvalidInput(f"There {'is' if pages == 1 else 'are'} only {pages} page{'' if pages == 1 else 's'} "
                           "for this search.")
    return AttendeePage(page_of(found, asked.page, PAGE_SIZE), len(found), asked.page, pages, roles)
