"""The organizer dashboard at a glance: counts, figures of the published schedule, chart series, runs, changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from forum.checker import quality
from forum.checker.rules import is_live, live_schedule
from forum.domain import MeetingStatus, SolverRun
from forum.services.schedule.figures import Grid, Histogram, meetings_per_attendee, met_share, occupancy
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.connection import Client
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore


@dataclass(frozen=True)
class Overview:
    name: str
    counts: dict[str, int]
    figures: dict[str, int]
    statuses: dict[str, int]
    published: str | None
    version: int
    occupancy: Grid  # share of tables busy per slot
    per_attendee: Histogram  # attendees by number of meetings, per role
    met_share: Histogram  # requesters by share of wished weight met
    runs: list[SolverRun]
    audit: list[dict[str, Any]]


def stamp(at: float, timezone: str) -> str:
    """A Unix time as the event's local clock (`25 Mar 14:02:07`)."""
    try:
        zone = ZoneInfo(timezone)
    except (KeyError, ValueError, OSError):  # an unknown stored name (events.zone_of logs it for the pages)
        zone = ZoneInfo("UTC")
    return datetime.fromtimestamp(at, zone).strftime("%d %b %H:%M:%S")


def audit_entries(client: Client, event: str, timezone: str, count: int) -> list[dict[str, Any]]:
    return [{**e, "when": stamp(float(e.get("at", 0)), timezone)} for e in AuditLog(client).latest(event, count)]


def overview(client: Client, event: str) -> Overview:
    store, schedules = EventStore(client), ScheduleStore(client)
    inst = store.export_instance(event)
    meetings = schedules.meetings(event)
    live = [m for m in meetings if is_live(m)]
    figures = quality(inst, live_schedule(meetings))
    figures.pop("moved", None)  # always 0 against itself
    statuses = {s.value: sum(1 for m in meetings if m.status is s) for s in MeetingStatus}
    statuses["locked"] = sum(1 for m in live if m.locked)
    counts = {"attendees": len(inst.attendees), "wishes": len(inst.wishes), "tables": len(
        [loc for loc in inst.locations if loc.kind.value == "table"]), "slots": len(inst.slots)}
    return Overview(inst.event.name, counts, figures, statuses, schedules.published_run(event),
                    schedules.version(event), occupancy(inst, meetings),
                    meetings_per_attendee(inst, meetings), met_share(inst, meetings), RunStore(client).all(event)[:8],
                    audit_entries(client, event, inst.event.timezone, 12))
