"""Triage of the requests a buyer receives: filters, sorting, pages of 50, and a shortlist of starred ones.

A popular buyer receives hundreds of requests; she narrows them down by importance, country, role and what
the producers look for, keeps the promising ones on her shortlist and declines the rest several at a time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlencode

from forum.checker.rules import awaits_answer
from forum.domain import Importance, Meeting
from forum.errors import InvalidInput, NotFound
from forum.services.attendees.requests import RequestView, by_importance, received_requests
from forum.services.paging import page_count, page_of
from forum.store.agenda import AgendaStore
from forum.store.arrivals import ArrivalStore
from forum.store.connection import Client
from forum.store.requests import RequestStore
from forum.store.shortlist import ShortlistStore

PAGE_SIZE = 50
MAX_TEXT = 60  # characters of a country, role or "looking for" filter
MAX_PAGE = 10_000
SORTS = ("importance", "newest", "name", "company")
IMPORTANCES = tuple(i.name.lower() for i in Importance)


@dataclass(frozen=True)
class Filters:
    """What the buyer narrowed the list to, as read from the page's address (empty means any)."""

    importance: str = ""
    country: str = ""
    role: str = ""
    looking: str = ""
    kept: bool = False  # the shortlist only
    sort: str = "importance"
    page: int = 1

    @property
    def active(self) -> bool:
        return any((self.importance, self.country, self.role, self.looking, self.kept))

    def query(self, **changes: object) -> str:
        """This list's address query (page and sort included), with `changes`; defaults are left out."""
        wanted = replace(self, **changes)  # type: ignore[arg-type]
        default = Filters()
        pairs = [(f.name, getattr(wanted, f.name)) for f in fields(wanted)
                 if getattr(wanted, f.name) != getattr(default, f.name)]
        return urlencode([(k, "1" if v is True else str(v)) for k, v in pairs])


def read_filters(params: dict[str, str]) -> Filters:
    """The filters of a query string, each checked: nonsense is refused with a sentence (a 400)."""
    text = {k: params.get(k, "").strip() for k in ("importance", "country", "role", "looking")}
    for name, value in text.items():
        if len(value) > MAX_TEXT:
            raise InvalidInput(f"The {name} filter is too long: at most {MAX_TEXT} characters.")
    if text["importance"] and text["importance"] not in IMPORTANCES:
        raise InvalidInput("Importance is one of: must, would_like, if_possible.")
    sort = params.get("sort", "") or "importance"
    if sort not in SORTS:
        raise InvalidInput("Sort by importance, newest, name or company.")
    kept = params.get("kept", "")
    if kept not in ("", "1"):
        raise InvalidInput("The shortlist filter is on (1) or off (left out).")
    raw = params.get("page", "") or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise InvalidInput("There is no such page.")
    return Filters(text["importance"], text["country"], text["role"], text["looking"], kept == "1", sort, int(raw))


@dataclass
class Triage:
    shown: list[RequestView]  # this page
    total: int  # every request awaiting an answer
    matching: int  # those the filters keep
    page: int
    pages: int
    filters: Filters
    kept: set[str] = field(default_factory=set)
    countries: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    @property
    def first(self) -> int:
        """The position of this page's first request among those matching (1-based)."""
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def last(self) -> int:
        return self.first + len(self.shown) - 1


def awaiting(client: Client, event: str, attendee: str,
             meetings: dict[str, Meeting] | None = None) -> list[RequestView]:
    """Requests the attendee still answers as requests (the rule is `rules.awaits_answer`), most wanted first."""
    received = received_requests(client, event, attendee)
    if meetings is None:
        meetings = {m.id: m for m in AgendaStore(client, event).meetings_of([r.wish.id for r in received])}
    return by_importance([r for r in received if awaits_answer(r.wish, meetings.get(r.wish.id))])


def _keeps(r: RequestView, f: Filters, kept: set[str]) -> bool:
    who = r.requester
    return ((not f.importance or r.importance == f.importance)
            and (not f.country or who.country.casefold() == f.country.casefold())
            and (not f.role or who.role == f.role)
            and (not f.looking or f.looking.casefold() in who.looking_for.casefold())
            and (not f.kept or r.wish.id in kept))


def _sorted(found: list[RequestView], sort: str, arrivals: dict[str, float]) -> list[RequestView]:
    if sort == "newest":
        return sorted(found, key=lambda r: (-arrivals.get(r.wish.id, 0.0), r.requester.name.casefold(), r.wish.id))
    if sort == "name":
        return sorted(found, key=lambda r: (r.requester.name.casefold(), r.wish.id))
    if sort == "company":
        return sorted(found, key=lambda r: (r.requester.organization.casefold() or "\uffff",
                                            r.requester.name.casefold(), r.wish.id))
    return found  # already most wanted first


def triage(client: Client, event: str, attendee: str, filters: Filters,
           incoming: list[RequestView] | None = None) -> Triage:
    """One page of the requests awaiting the attendee's answer, filtered and sorted as asked."""
    everything = awaiting(client, event, attendee) if incoming is None else incoming
    kept = ShortlistStore(client, event).kept(attendee)
    arrivals = ArrivalStore(client, event).times(attendee) if filters.sort == "newest" else {}
    hits = _sorted([r for r in everything if _keeps(r, filters, kept)], filters.sort, arrivals)
    pages = page_count(len(hits), PAGE_SIZE)
    number = min(filters.page, pages)
    return Triage(page_of(hits, number, PAGE_SIZE), len(everything), len(hits), number, pages,
                  filters, kept, sorted({r.requester.country for r in everything if r.requester.country}),
                  sorted({r.requester.role for r in everything if r.requester.role}))


def shortlist(client: Client, event: str, attendee: str, wish_id: str, keep: bool) -> None:
    """Star (or unstar) a request the attendee received; anyone else's request is unknown to them."""
    wish = RequestStore(client, event).find(wish_id) if len(wish_id) <= 100 else None
    if wish is None or wish.target != attendee:
        raise NotFound("There is no such request.")
    store = ShortlistStore(client, event)
    if keep:
        store.keep(attendee, wish.id, time.time())
    else:
        store.drop(attendee, wish.id)
