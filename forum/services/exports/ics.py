"""The attendee's schedule as an iCalendar feed: stable UIDs, SEQUENCE that grows, UTC times from the event zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from forum.domain import Attendee, MeetingStatus
from forum.services.attendees.agenda import AgendaItem, items_of
from forum.services.attendees.pitch_agenda import PitchItem, pitches_of
from forum.services.events import zone_of
from forum.store import EventStore
from forum.store.agenda import AgendaStore
from forum.store.connection import Client

SHOWN = (MeetingStatus.PROPOSED, MeetingStatus.ACCEPTED, MeetingStatus.DECLINED, MeetingStatus.CANCELLED)


def escape(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not out else 74  # continuation lines start with one space
        if len((current + ch).encode()) > limit:
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out)


def _utc(local: datetime, zone: ZoneInfo) -> str:
    return local.replace(tzinfo=zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fingerprint(item: AgendaItem) -> str:
    return f"{item.slot.id}|{item.location.id}|{item.meeting.status.value}"


def _names(people: tuple[Attendee, ...]) -> str:
    return ", ".join(f"{a.name} ({a.organization})" if a.organization else a.name for a in people)


def description(item: AgendaItem, agenda_link: str) -> str:
    """Who the meeting is with (name, title, organization), the request's message and the way back to the
    agenda, one per line (escaped as TEXT by the caller)."""
    lines = ["With: " + ", ".join(x for x in (a.name, a.title, a.organization) if x) for a in item.others]
    if item.wish.message:
        lines.append(f"Message: {item.wish.message}")
    if agenda_link:
        lines.append(f"Agenda: {agenda_link}")
    return "\n".join(lines)


def _vevent(event: str, item: AgendaItem, zone: ZoneInfo, sequence: int, stamp: str,
            agenda_link: str = "") -> list[str]:
    who = _names(item.others)
    place = item.location.name or item.location.id
    if item.location.area:
        place = f"{place}, {item.location.area}"
    status = {MeetingStatus.ACCEPTED: "CONFIRMED", MeetingStatus.PROPOSED: "TENTATIVE"}.get(
        item.meeting.status, "CANCELLED")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape(item.meeting.id)}@{escape(event)}.forum",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(item.start, zone)}",
        f"DTEND:{_utc(item.end, zone)}",
        f"SUMMARY:{escape('Meeting: ' + who if who else 'Meeting')}",
        f"LOCATION:{escape(place)}",
        f"STATUS:{status}",
        f"DESCRIPTION:{escape(description(item, agenda_link))}",
    ]
    return [*lines, "END:VEVENT"]


def _pitch_vevent(event: str, item: PitchItem, zone: ZoneInfo, sequence: int, stamp: str,
                  agenda_link: str = "") -> list[str]:
    what = "Your pitch" if item.presenting else "Pitch session"
    place = item.room.name or item.room.id
    about = "\n".join(x for x in (f"{what}: {item.project.title}", item.session.name,
                                   f"Agenda: {agenda_link}" if agenda_link else "") if x)
    return ["BEGIN:VEVENT", f"UID:{escape(item.id)}@{escape(event)}.forum", f"SEQUENCE:{sequence}",
            f"DTSTAMP:{stamp}", f"DTSTART:{_utc(item.start, zone)}", f"DTEND:{_utc(item.end, zone)}",
            f"SUMMARY:{escape(f'{what}: {item.project.title}')}", f"LOCATION:{escape(place)}", "STATUS:CONFIRMED",
            f"DESCRIPTION:{escape(about)}", "END:VEVENT"]


def calendar(client: Client, event: str, attendee: str, origin: str = "") -> str:
    """The whole feed; a meeting keeps its UID for life and its SEQUENCE grows whenever it changes. With
    `origin` (the site's public address) each entry's description links back to the agenda."""
    agenda_link = f"{origin.rstrip('/')}/e/{event}/agenda" if origin else ""
    found = EventStore(client).get(event)
    zone = zone_of(found)
    items = [i for i in items_of(client, event, attendee) if i.meeting.status in SHOWN]
    pitches = pitches_of(client, event, attendee)
    prints = {i.meeting.id: fingerprint(i) for i in items}
    prints.update({f"pitch:{p.project.id}": f"{p.slot.id}|{p.room.id}" for p in pitches})
    sequences = AgendaStore(client, event).revisions(prints)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//forum//meetings//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(found.name)}", f"X-WR-TIMEZONE:{zone.key}"]
    for item in items:
        lines.extend(_vevent(event, item, zone, sequences[item.meeting.id], stamp, agenda_link))
    for pitch in pitches:
        lines.extend(_pitch_vevent(event, pitch, zone, sequences[f"pitch:{pitch.project.id}"], stamp, agenda_link))
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
