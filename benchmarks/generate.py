"""Realistic market instances: power-law buyer popularity, partial 3-day availability, keynotes, groups, pitches."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

SIZES = {"S": (300, 2_400), "M": (1_500, 12_000), "L": (5_000, 50_000), "XL": (12_000, 150_000)}
DAYS = ["2026-03-24", "2026-03-25", "2026-03-26"]
KEYNOTES = {"2026-03-24": ("09:00", "10:00"), "2026-03-25": ("13:00", "14:00"), "2026-03-26": ("12:00", "13:00")}


def _t(day: str, hm: str) -> str:
    return f"{day}T{hm}"


def _slots() -> list[dict[str, Any]]:
    out = []
    for day in DAYS:
        start = datetime.fromisoformat(_t(day, "09:00"))
        for k in range(18):
            a, b = start + timedelta(minutes=30 * k), start + timedelta(minutes=30 * (k + 1))
            out.append({"id": f"s-{a:%m%d-%H%M}", "start": f"{a:%Y-%m-%dT%H:%M}", "end": f"{b:%Y-%m-%dT%H:%M}",
                        "kind": "meeting"})
        for k in range(8):  # a pitch session each afternoon, 15 minutes a project
            a = datetime.fromisoformat(_t(day, "15:00")) + timedelta(minutes=15 * k)
            b = a + timedelta(minutes=15)
            out.append({"id": f"p-{a:%m%d-%H%M}", "start": f"{a:%Y-%m-%dT%H:%M}", "end": f"{b:%Y-%m-%dT%H:%M}",
                        "kind": "pitch"})
    return out


def _availability(rng: random.Random) -> list[dict[str, str]]:
    """Two or three days, some of them half days, never during the day's keynote."""
    days = sorted(rng.sample(DAYS, rng.choice([2, 3, 3])))
    out = []
    for day in days:
        start, end = rng.choice([("09:00", "18:00")] * 3 + [("09:00", "13:00"), ("13:00", "18:00")])
        k0, k1 = KEYNOTES[day]
        for a, b in ((start, min(end, k0)), (max(start, k1), end)):
            if a < b:
                out.append({"start": _t(day, a), "end": _t(day, b)})
    return out


def _people(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    attendees: list[dict[str, Any]] = []
    buyers: list[str] = []
    sellers: list[str] = []
    for i in range(n):
        buyer = i % 4 == 0
        aid = f"{'b' if buyer else 's'}{i}"
        (buyers if buyer else sellers).append(aid)
        attendees.append({"id": aid, "name": aid, "role": "buyer" if buyer else "producer",
                          "available": _availability(rng),
                          "max_meetings": rng.choice([18, 24, 30]) if buyer else rng.choice([10, 15, 20]),
                          "max_per_day": rng.choice([8, 10, 12]) if buyer else 8})
    return attendees, buyers, sellers


def _wishes(rng: random.Random, n_wishes: int, buyers: list[str], sellers: list[str]) -> list[dict[str, Any]]:
    popularity = [1.0 / (k + 1) ** 0.9 for k in range(len(buyers))]
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    while len(out) < n_wishes:
        seller = rng.choice(sellers)
        buyer = rng.choices(buyers, popularity)[0]
        if (seller, buyer) in seen:
            continue
        seen.add((seller, buyer))
        wish: dict[str, Any] = {"id": f"w{len(out)}", "from": seller, "to": buyer,
                                "weight": rng.choices([1, 3, 10], [0.6, 0.3, 0.1])[0]}
        if rng.random() < 0.10:
            colleague = rng.choice(sellers)
            if colleague != seller:
                wish["with"] = [colleague]
        out.append(wish)
    return out


def generate(size: str, seed: int = 1) -> dict[str, Any]:
    """A forum-instance/1 document of the given size (S, M, L, XL)."""
    n, n_wishes = SIZES[size]
    rng = random.Random(seed)
    attendees, buyers, sellers = _people(rng, n)
    tables = max(4, n // 10)
    locations = [{"id": f"T{k:04d}", "kind": "table"} for k in range(tables)]
    sessions, projects = [], []
    for d, day in enumerate(DAYS):
        room = f"R{d}"
        locations.append({"id": room, "kind": "room", "name": f"Pitch room {d}"})
        slots = [f"p-{day[5:7]}{day[8:10]}-{15 + k // 4:02d}{15 * (k % 4):02d}" for k in range(8)]
        sessions.append({"id": f"pitch-{d}", "location": room, "panel": rng.sample(buyers[:50], 4), "slots": slots})
    for k in range(18):
        projects.append({"id": f"pr{k}", "title": f"Project {k}", "presenters": [rng.choice(sellers)]})
    return {"format": "forum-instance/1", "event": {"name": f"Benchmark {size}", "timezone": "Europe/Paris"},
            "slots": _slots(), "locations": locations, "attendees": attendees,
            "wishes": _wishes(rng, n_wishes, buyers, sellers), "pitch_sessions": sessions, "projects": projects}


def all_required(seed: int = 1, buyers: int = 20, sellers: int = 40, per_seller: int = 6) -> dict[str, Any]:
    """The classic B2B meeting scheduling problem: every wish required, one day, scarce tables."""
    rng = random.Random(seed)
    people = [{"id": f"b{i}", "name": f"b{i}", "role": "buyer"} for i in range(buyers)]
    people += [{"id": f"s{i}", "name": f"s{i}", "role": "producer"} for i in range(sellers)]
    slots = [s for s in _slots() if s["start"].startswith(DAYS[0]) and s["kind"] == "meeting"][:16]
    wishes: list[dict[str, Any]] = []
    order = list(range(buyers))
    rng.shuffle(order)
    for i in range(sellers):  # each buyer gets the same number of requests, as organizers arrange it
        for k in range(per_seller):
            b = order[(i * per_seller + k) % buyers]
            wishes.append({"id": f"w{len(wishes)}", "from": f"s{i}", "to": f"b{b}", "required": True})
    tables = -(-len(wishes) * 115 // (100 * len(slots)))
    return {"format": "forum-instance/1", "event": {"name": "All required"}, "slots": slots,
            "locations": [{"id": f"T{k}", "kind": "table"} for k in range(tables)], "attendees": people,
            "wishes": wishes}
