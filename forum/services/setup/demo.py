"""Demo data: the Inspiration Tour 2026 sample and a generated Series-Mania-sized event, moved to start on a
chosen day (today by default, so the day view and "Next meeting" can be seen), and links to try them."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from importlib import resources

from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    LocationKind,
    PitchSession,
    Project,
    Slot,
    SlotKind,
    Window,
    Wish,
)
from forum.domain.instance_json import parse_instance
from forum.errors import NotFound
from forum.services.setup.event_import import import_instance
from forum.services.signin.invitations import invitation
from forum.store.connection import Client

DAYS = (datetime(2026, 3, 24), datetime(2026, 3, 25), datetime(2026, 3, 26))
FIRST = ("Anna", "Louis", "Chloé", "Mateo", "Ingrid", "Kenji", "Amara", "Lucas", "Sofia", "Noah", "Elif",
         "Hugo", "Maya", "Oskar", "Leila", "Tom", "Zoé", "Ravi", "Clara", "Jonas")
LAST = ("Martin", "Berg", "Rossi", "Dubois", "Kowalski", "Tanaka", "Okafor", "Silva", "Nielsen", "Haddad",
        "Schmidt", "Moreau", "Ivanova", "García", "Laurent", "Jensen", "Costa", "Weber", "Novak", "Leroy")
COUNTRIES = ("FR", "US", "GB", "DE", "ES", "IT", "BE", "NL", "DK", "SE", "NO", "KR", "JP", "CA", "IL", "BR")
ROLES = (("producer", 1000), ("buyer", 250), ("distributor", 100), ("commissioner", 60),
         ("financier", 60), ("other", 30))
TARGET_ROLES = ("buyer", "distributor", "commissioner", "financier")
WEIGHTS = (1, 1, 3, 3, 3, 10)
TOUR_ORGANIZER = Attendee("org1", "Tour Organizer", "Series Mania", "organizer", email="org@example.org")
# Who to sign in as in each demo event, one of each side of the market: (event, attendee, what they see).
TRY_AS = (("inspiration-tour-2026", "org1", "organizer"), ("inspiration-tour-2026", "fr1", "producer"),
          ("inspiration-tour-2026", "us1", "buyer"), ("series-mania-2026", "org1", "organizer"),
          ("series-mania-2026", "pro0001", "producer"), ("series-mania-2026", "buy0001", "buyer"))


@dataclass(frozen=True)
class DemoLink:
    event: str
    role: str
    name: str
    link: str


def inspiration_tour() -> Instance:
    text = resources.files("forum.data").joinpath("inspiration-tour-2026.json").read_text("utf-8")
    return parse_instance(json.loads(text))


def _moved(window: Window, by: timedelta) -> Window:
    return Window(window.start + by, window.end + by)


def starting_on(inst: Instance, first_day: date) -> Instance:
    """The same event moved by whole days so that its first slot falls on `first_day`: every slot, every
    availability window and every request's time window move together (slot ids stay, placements refer to
    them)."""
    if not inst.slots:
        return inst
    by = timedelta(days=(first_day - min(s.start for s in inst.slots).date()).days)
    slots = tuple(replace(s, window=_moved(s.window, by)) for s in inst.slots)
    people = tuple(a if a.available is None else replace(a, available=tuple(_moved(w, by) for w in a.available))
                   for a in inst.attendees)
    wishes = tuple(w if w.within is None else replace(w, within=tuple(_moved(x, by) for x in w.within))
                   for w in inst.wishes)
    return replace(inst, slots=slots, attendees=people, wishes=wishes)


def demo_tour() -> Instance:
    """The Inspiration Tour with an organizer, so that its console can be opened too."""
    inst = inspiration_tour()
    if any(a.role == "organizer" for a in inst.attendees):
        return inst
    return replace(inst, attendees=(TOUR_ORGANIZER, *inst.attendees))


def _slots() -> list[Slot]:
    slots = []
    for day in DAYS:
        for half_hour in range(18):
            start = day + timedelta(hours=9, minutes=30 * half_hour)
            if start.hour == 13:  # lunch
                continue
            slots.append(Slot(f"s-{start:%m%d-%H%M}", Window(start, start + timedelta(minutes=30))))
    for day, room in ((DAYS[1], "R1"), (DAYS[2], "R2")):
        for quarter in range(6):
            start = day + timedelta(hours=14, minutes=15 * quarter)
            slots.append(Slot(f"p-{room}-{start:%m%d-%H%M}", Window(start, start + timedelta(minutes=15)),
                              SlotKind.PITCH))
    return slots


def _attendees(rng: random.Random) -> list[Attendee]:
    people = [Attendee("org1", "Festival Organizer", "Series Mania", "organizer", email="org@example.org")]
    for role, count in ROLES:
        for i in range(count):
            days = rng.sample(DAYS, 2) if rng.random() < 0.3 else list(DAYS)
            available = tuple(sorted(Window(d + timedelta(hours=9), d + timedelta(hours=18)) for d in days))
            people.append(Attendee(
                id=f"{role[:3]}{i + 1:04d}", name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                organization=f"{rng.choice(LAST)} {rng.choice(('Films', 'Media', 'Studios', 'TV', 'Pictures'))}",
                role=role, country=rng.choice(COUNTRIES), available=available,
                max_per_day=8 if role in TARGET_ROLES else None,
                looking_for=rng.choice(("drama", "comedy", "crime", "documentary series", "YA", "thriller")),
            ))
    return people


def _wishes(rng: random.Random, people: list[Attendee], count: int) -> list[Wish]:
    producers = [a.id for a in people if a.role == "producer"]
    targets = [a.id for a in people if a.role in TARGET_ROLES]
    popularity = [1.0 / (rank + 1) ** 0.8 for rank in range(len(targets))]  # a few buyers everyone wants
    wishes: list[Wish] = []
    seen: set[tuple[str, str]] = set()
    while len(wishes) < count:
        who = rng.choice(producers)
        target = rng.choices(targets, popularity)[0]
        if (who, target) in seen:
            continue
        seen.add((who, target))
        colleague = rng.choice(producers) if rng.random() < 0.1 else None
        wishes.append(Wish(f"w{len(wishes) + 1}", who, target, rng.choice(WEIGHTS),
                           (colleague,) if colleague and colleague != who else ()))
    return wishes


def series_mania(attendees_scale: float = 1.0, wishes: int = 12_000, seed: int = 2026) -> Instance:
    """About 1,500 attendees and 12,000 wishes over 3 days, 150 tables, two pitch sessions."""
    rng = random.Random(seed)
    slots = _slots()
    people = _attendees(rng)
    if attendees_scale < 1.0:
        people = people[: max(20, int(len(people) * attendees_scale))]
    tables = [Location(f"T{i:03d}", LocationKind.TABLE, f"Table {i}", "ABC"[i % 3]) for i in range(1, 151)]
    rooms = [Location("R1", LocationKind.ROOM, "Pitch room 1"), Location("R2", LocationKind.ROOM, "Pitch room 2")]
    buyers = [a.id for a in people if a.role == "buyer"]
    sessions = [PitchSession(f"copro-{room}", room, tuple(buyers[i * 4 : i * 4 + 4]),
                             tuple(s.id for s in slots if s.id.startswith(f"p-{room}")), f"Co-pro pitch {room}")
                for i, room in enumerate(("R1", "R2"))]
    producers = [a.id for a in people if a.role == "producer"]
    projects = [Project(f"pr{i + 1}", f"Project {i + 1}", (producers[i],)) for i in range(10)]
    return Instance(Event("series-mania-2026", "Series Mania Forum 2026 (demo)"), tuple(slots),
                    tuple(tables + rooms), tuple(people), tuple(_wishes(rng, people, wishes)),
                    tuple(sessions), tuple(projects))


def load_demo(client: Client, first_day: date | None = None) -> list[str]:
    """Load both demo events (replacing them if present) the way any import goes, their first day on
    `first_day` (default today); returns their ids."""
    loaded = []
    for inst in (demo_tour(), series_mania()):
        import_instance(client, starting_on(inst, first_day or date.today()), "demo")
        loaded.append(inst.event.id)
    return loaded


def demo_links(client: Client, secret: str, origin: str) -> list[DemoLink]:
    """A fresh personal sign-in link (single use, 7 days) for an organizer, a producer and a buyer of each demo
    event in the store; audited like any link an organizer makes."""
    links = []
    for event, who, role in TRY_AS:
        try:
            made = invitation(client, secret, origin, event, who, organizer="demo")
        except NotFound:  # that demo event was replaced or never loaded
            continue
        links.append(DemoLink(event, role, made.attendee.name, made.link))
    return links
