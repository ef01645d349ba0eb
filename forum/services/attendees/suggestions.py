"""What would help a left-out request, each place checked by the checker before it is suggested.

A suggestion names slots and free tables where the meeting would break no rule once the one change it asks
for is made (ask a colleague of the person asked, be available at more times, allow more days), so what the
page says is what the validator and a solver run would accept at that moment.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from forum.checker.placing import Obstacle, Occupancy
from forum.domain import Attendee, Instance, Schedule, Slot, Wish
from forum.services.attendees.requests import takes_requests

MAX_COLLEAGUES = 2  # colleagues suggested per request
MAX_WIDER = 2  # wider times suggested per request
NOON = 12


@dataclass(frozen=True)
class Place:
    slot: Slot
    table: str


@dataclass(frozen=True)
class AskColleague:
    """A colleague of the person asked (same organization, takes requests) free with the requester's party."""

    colleague: Attendee
    of: Attendee  # the person asked
    places: tuple[Place, ...]

    kind = "colleague"

    @property
    def days(self) -> list[date]:
        return sorted({p.slot.start.date() for p in self.places})


@dataclass(frozen=True)
class Widen:
    """Places that the requester's own limit alone stands in the way of, on one day (and half-day)."""

    limit: str  # "availability" (the requester's hours) or "days" (the request's preferred days)
    day: date
    afternoon: bool | None  # None: the whole day (preferred days are whole days)
    places: tuple[Place, ...]

    kind = "widen"


Suggestion = AskColleague | Widen


class Places:
    """Occupancy, and the meeting slots a page looks through for many wishes; the checker's own `obstacles`
    confirms every place before it is suggested."""

    def __init__(self, occupancy: Occupancy) -> None:
        self.occupancy = occupancy
        self.slots = occupancy.meeting_slots()

    def check(self, wish: Wish, slot: Slot) -> tuple[str | None, list[Obstacle]]:
        """The first free table at `slot` and what stands in the way of `wish` there (people first: cheaper)."""
        people = [o for o in self.occupancy.obstacles(wish, slot.id, "") if o.kind != "table"]
        if any(o.kind in ("busy", "cap", "day cap") for o in people):
            return None, people
        table = self.occupancy.first_free_table(slot)
        if table is None:
            return None, people
        return table, self.occupancy.obstacles(wish, slot.id, table)

    def free_for(self, wish: Wish) -> list[Place]:
        """Every slot where `wish` could be placed now at a free table, nothing in the way."""
        out = []
        for slot in self.slots:
            table, obstacles = self.check(wish, slot)
            if table is not None and not obstacles:
                out.append(Place(slot, table))
        return out


def colleague_wish(wish: Wish, colleague: str) -> Wish:
    """The same request, made to a colleague of the person asked."""
    return replace(wish, id=f"{wish.id}~{colleague}", target=colleague, required=False)


def ask_colleagues(places: Places, wish: Wish, target: Attendee, candidates: list[Attendee],
                   asked: Collection[str]) -> list[AskColleague]:
    """Colleagues of the person asked who take requests, are not asked already (`asked`) and have a place."""
    if not target.organization:
        return []
    out = []
    for person in sorted(candidates, key=lambda a: (a.name.casefold(), a.id)):
        if person.organization != target.organization or person.id in asked or person.id in wish.participants \
                or not takes_requests(person):
            continue
        found = places.free_for(colleague_wish(wish, person.id))
        if found:
            out.append(AskColleague(person, target, tuple(found)))
        if len(out) == MAX_COLLEAGUES:
            break
    return out


def _own_limit(obstacles: list[Obstacle], requester: str) -> str | None:
    """'availability' or 'days' when that one limit of the requester's is all that stands in the way."""
    kinds = {(o.kind, o.who) for o in obstacles}
    if kinds == {("availability", requester)}:
        return "availability"
    if kinds == {("wish window", "")}:
        return "days"
    return None


def widen(places: Places, wish: Wish) -> list[Widen]:
    """Half-days (the requester's hours) or days (the request's preferred days) that would open places."""
    groups: dict[tuple[str, date, bool | None], list[Place]] = {}
    for slot in places.slots:
        table, obstacles = places.check(wish, slot)
        limit = _own_limit(obstacles, wish.requester) if table is not None else None
        if limit is not None:
            half = slot.start.hour >= NOON if limit == "availability" else None
            groups.setdefault((limit, slot.start.date(), half), []).append(Place(slot, table or ""))
    ranked = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0][1], g[0][0], bool(g[0][2])))
    return [Widen(limit, day, half, tuple(found)) for (limit, day, half), found in ranked[:MAX_WIDER]]


def suggestions(places: Places, wish: Wish, target: Attendee, candidates: list[Attendee],
                asked: Collection[str]) -> list[Suggestion]:
    """What would help `wish`, colleagues first (nothing of the requester's to change)."""
    return [*ask_colleagues(places, wish, target, candidates, asked), *widen(places, wish)]


def for_schedule(inst: Instance, schedule: Schedule, wish: Wish, asked: Collection[str] = ()) -> list[Suggestion]:
    """Suggestions for one wish of a whole instance and live schedule (what the property tests check)."""
    people = {a.id: a for a in inst.attendees}
    target = people.get(wish.target)
    if target is None:
        return []
    return suggestions(Places(Occupancy(inst, schedule)), wish, target, list(inst.attendees), asked)
