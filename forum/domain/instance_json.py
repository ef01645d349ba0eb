"""Read and write the `forum-instance/1` JSON format, with errors that name the field."""

from __future__ import annotations

import re
from typing import Any

from forum.domain import fields as f
from forum.domain.attendee import Attendee
from forum.domain.event import DEFAULT_MAX_OPEN_REQUESTS, Event, Location, Slot
from forum.domain.instance import Instance
from forum.domain.meeting import Meeting
from forum.domain.pitch import PitchSession, Project
from forum.domain.roles import LocationKind, MeetingStatus, Role, SlotKind, WishStatus
from forum.domain.times import Window, check_timezone, format_local
from forum.domain.wish import PitchPlacement, Placement, Wish
from forum.errors import FormatError

INSTANCE_FORMAT = "forum-instance/1"
MAX_OPEN_REQUESTS_LIMIT = 10_000  # a per-event limit above this is a typo, not a policy


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "event"


def _event(doc: dict[str, Any]) -> Event:
    ev = f.obj(doc.get("event", {}), "event")
    name = f.text(ev, "name", "event", default="Event")
    event_id = f.text(ev, "id", "event", default=slugify(name))
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", event_id):
        raise FormatError("event.id", "may hold only letters, digits, '-', '_' and '.'")
    zone = check_timezone(f.text(ev, "timezone", "event", default="Europe/Paris"), "event.timezone")
    limit = f.integer(ev, "max_open_requests", "event", minimum=1)
    if limit is not None and limit > MAX_OPEN_REQUESTS_LIMIT:
        raise FormatError("event.max_open_requests", f"must be at most {MAX_OPEN_REQUESTS_LIMIT}")
    return Event(event_id, name, zone, DEFAULT_MAX_OPEN_REQUESTS if limit is None else limit)


def slot_from_json(doc: Any, path: str) -> Slot:
    d = f.obj(doc, path)
    kind = f.text(d, "kind", path, default="meeting")
    if kind not in {k.value for k in SlotKind}:
        raise FormatError(f"{path}.kind", "must be 'meeting' or 'pitch'")
    return Slot(f.ident(d, "id", path), f.window(d, path), SlotKind(kind))


def location_from_json(doc: Any, path: str) -> Location:
    d = f.obj(doc, path)
    kind = f.text(d, "kind", path, default="table")
    if kind not in {k.value for k in LocationKind}:
        raise FormatError(f"{path}.kind", "must be 'table' or 'room'")
    return Location(
        f.ident(d, "id", path), LocationKind(kind), f.text(d, "name", path, ""), f.text(d, "area", path, "")
    )


def attendee_from_json(doc: Any, path: str) -> Attendee:
    d = f.obj(doc, path)
    role = f.text(d, "role", path, default=Role.OTHER.value).strip().lower() or Role.OTHER.value
    return Attendee(
        id=f.ident(d, "id", path),
        name=f.text(d, "name", path, default=str(d.get("id", ""))),
        organization=f.text(d, "organization", path, ""),
        role=role,
        title=f.text(d, "title", path, ""),
        country=f.text(d, "country", path, ""),
        email=f.text(d, "email", path, ""),
        looking_for=f.text(d, "looking_for", path, ""),
        available=f.windows(d, "available", path),
        max_meetings=f.integer(d, "max_meetings", path),
        max_per_day=f.integer(d, "max_per_day", path),
    )


def wish_from_json(doc: Any, path: str) -> Wish:
    d = f.obj(doc, path)
    weight = f.integer(d, "weight", path, minimum=1)
    return Wish(
        id=f.ident(d, "id", path),
        requester=f.ident(d, "from", path),
        target=f.ident(d, "to", path),
        weight=1 if weight is None else weight,
        colleagues=f.ids(d, "with", path) or (),
        required=f.boolean(d, "required", path),
        within=f.windows(d, "within", path),
        message=f.text(d, "message", path, ""),
        status=WishStatus(_choice(d, "status", path, WishStatus.PENDING.value, [s.value for s in WishStatus])),
    )


def _choice(d: dict[str, Any], key: str, path: str, default: str, allowed: list[str]) -> str:
    value = f.text(d, key, path, default=default)
    if value not in allowed:
        raise FormatError(f"{path}.{key}", f"must be one of {', '.join(allowed)}, got {value!r}")
    return value


def session_from_json(doc: Any, path: str) -> PitchSession:
    d = f.obj(doc, path)
    return PitchSession(
        id=f.ident(d, "id", path),
        location=f.ident(d, "location", path),
        panel=f.ids(d, "panel", path) or (),
        slots=f.ids(d, "slots", path) or (),
        name=f.text(d, "name", path, ""),
    )


def project_from_json(doc: Any, path: str) -> Project:
    d = f.obj(doc, path)
    return Project(
        id=f.ident(d, "id", path),
        title=f.text(d, "title", path, default=str(d.get("id", ""))),
        presenters=f.ids(d, "presenters", path) or (),
        sessions=f.ids(d, "sessions", path, optional=True),
    )


def placement(doc: Any, path: str) -> Placement:
    d = f.obj(doc, path)
    return Placement(f.ident(d, "wish", path), f.ident(d, "slot", path), f.ident(d, "location", path))


def meeting_from_json(doc: Any, path: str) -> Meeting:
    d = f.obj(doc, path)
    wish = f.ident(d, "wish", path)
    status = _choice(d, "status", path, MeetingStatus.PROPOSED.value, [s.value for s in MeetingStatus])
    return Meeting(wish, wish, f.ident(d, "slot", path), f.ident(d, "location", path), MeetingStatus(status),
                   f.boolean(d, "locked", path))


def pitch_placement(doc: Any, path: str) -> PitchPlacement:
    d = f.obj(doc, path)
    return PitchPlacement(f.ident(d, "project", path), f.ident(d, "slot", path))


def parse_instance(doc: Any) -> Instance:
    """Build an Instance from a parsed JSON document; raises FormatError naming the bad field."""
    doc = f.obj(doc, "document")
    fmt = doc.get("format", INSTANCE_FORMAT)
    if fmt != INSTANCE_FORMAT:
        raise FormatError("format", f"expected {INSTANCE_FORMAT!r}, got {fmt!r}")

    def many(key: str, build: Any, required: bool = False) -> tuple[Any, ...]:
        return tuple(build(x, f"{key}[{i}]") for i, x in enumerate(f.items(doc, key, "", required)))

    instance = Instance(
        event=_event(doc),
        slots=many("slots", slot_from_json, required=True),
        locations=many("locations", location_from_json),
        attendees=many("attendees", attendee_from_json, required=True),
        wishes=many("wishes", wish_from_json),
        pitch_sessions=many("pitch_sessions", session_from_json),
        projects=many("projects", project_from_json),
        fixed=many("fixed", placement),
        previous=many("previous", placement),
        fixed_pitches=many("fixed_pitches", pitch_placement),
        previous_pitches=many("previous_pitches", pitch_placement),
        meetings=many("meetings", meeting_from_json),
    )
    check_references(instance)
    return instance


def _need(value: str, known: set[str], path: str, what: str) -> None:
    if value not in known:
        raise FormatError(path, f"unknown {what} {value!r}")


def check_references(inst: Instance) -> None:
    """Every id an entry points at must exist; raise FormatError naming the first that does not."""
    for key, entries in (("slots", inst.slots), ("locations", inst.locations), ("attendees", inst.attendees),
                         ("wishes", inst.wishes), ("pitch_sessions", inst.pitch_sessions),
                         ("projects", inst.projects)):
        f.unique([e.id for e in entries], key)
    _check_people_and_pitches(inst)
    _check_placements(inst)


def _check_people_and_pitches(inst: Instance) -> None:
    slots, people = {s.id for s in inst.slots}, {a.id for a in inst.attendees}
    locations, sessions = {loc.id for loc in inst.locations}, {s.id for s in inst.pitch_sessions}
    for i, w in enumerate(inst.wishes):
        for j, who in enumerate(w.participants):
            _need(who, people, f"wishes[{i}].{('from', 'to')[j] if j < 2 else 'with'}", "attendee")
        if len(set(w.participants)) != len(w.participants):
            raise FormatError(f"wishes[{i}]", "an attendee appears twice among from, to and with")
    for i, s in enumerate(inst.pitch_sessions):
        _need(s.location, locations, f"pitch_sessions[{i}].location", "location")
        for who in s.panel:
            _need(who, people, f"pitch_sessions[{i}].panel", "attendee")
        for sid in s.slots:
            _need(sid, slots, f"pitch_sessions[{i}].slots", "slot")
    for i, p in enumerate(inst.projects):
        for who in p.presenters:
            _need(who, people, f"projects[{i}].presenters", "attendee")
        for sid in p.sessions or ():
            _need(sid, sessions, f"projects[{i}].sessions", "pitch session")


def _check_placements(inst: Instance) -> None:
    slots, locations = {s.id for s in inst.slots}, {loc.id for loc in inst.locations}
    wishes, projects = {w.id for w in inst.wishes}, {p.id for p in inst.projects}
    placed: tuple[tuple[str, tuple[Placement | Meeting, ...]], ...] = (
        ("fixed", inst.fixed), ("previous", inst.previous), ("meetings", inst.meetings))
    for key, placements in placed:
        for i, pl in enumerate(placements):
            _need(pl.wish, wishes, f"{key}[{i}].wish", "wish")
            _need(pl.slot, slots, f"{key}[{i}].slot", "slot")
            _need(pl.location, locations, f"{key}[{i}].location", "location")
    for key, pitches in (("fixed_pitches", inst.fixed_pitches), ("previous_pitches", inst.previous_pitches)):
        for i, pp in enumerate(pitches):
            _need(pp.project, projects, f"{key}[{i}].project", "project")
            _need(pp.slot, slots, f"{key}[{i}].slot", "slot")


def _windows(ws: tuple[Window, ...] | None) -> list[dict[str, str]] | None:
    if ws is None:
        return None
    return [{"start": format_local(w.start), "end": format_local(w.end)} for w in ws]


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != "" and v != ()}


def slot_to_json(s: Slot) -> dict[str, Any]:
    return {"id": s.id, "start": format_local(s.start), "end": format_local(s.end), "kind": s.kind.value}


def location_to_json(loc: Location) -> dict[str, Any]:
    return _drop_empty({"id": loc.id, "kind": loc.kind.value, "name": loc.name, "area": loc.area})


def attendee_to_json(a: Attendee) -> dict[str, Any]:
    return _drop_empty({
        "id": a.id, "name": a.name, "organization": a.organization, "role": a.role, "title": a.title,
        "country": a.country, "email": a.email, "looking_for": a.looking_for,
        "available": _windows(a.available), "max_meetings": a.max_meetings, "max_per_day": a.max_per_day,
    })


def wish_to_json(w: Wish) -> dict[str, Any]:
    return _drop_empty({
        "id": w.id, "from": w.requester, "to": w.target, "weight": w.weight,
        "with": list(w.colleagues) or None, "required": w.required or None,
        "within": _windows(w.within), "message": w.message,
        "status": None if w.status is WishStatus.PENDING else w.status.value,
    })


def session_to_json(s: PitchSession) -> dict[str, Any]:
    return _drop_empty({"id": s.id, "location": s.location, "panel": list(s.panel), "slots": list(s.slots),
                        "name": s.name})


def project_to_json(p: Project) -> dict[str, Any]:
    return _drop_empty({"id": p.id, "title": p.title, "presenters": list(p.presenters),
                        "sessions": None if p.sessions is None else list(p.sessions)})


def placement_to_json(p: Placement) -> dict[str, str]:
    return {"wish": p.wish, "slot": p.slot, "location": p.location}


def _event_json(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"id": event.id, "name": event.name, "timezone": event.timezone}
    if event.max_open_requests != DEFAULT_MAX_OPEN_REQUESTS:  # files of events on the default stay as they were
        out["max_open_requests"] = event.max_open_requests
    return out


def dump_instance(inst: Instance) -> dict[str, Any]:
    """The JSON document of an Instance; parse_instance(dump_instance(x)) == x."""
    doc: dict[str, Any] = {
        "format": INSTANCE_FORMAT,
        "event": _event_json(inst.event),
        "slots": [slot_to_json(s) for s in inst.slots],
        "locations": [location_to_json(loc) for loc in inst.locations],
        "attendees": [attendee_to_json(a) for a in inst.attendees],
        "wishes": [wish_to_json(w) for w in inst.wishes],
        "pitch_sessions": [session_to_json(s) for s in inst.pitch_sessions],
        "projects": [project_to_json(p) for p in inst.projects],
        "fixed": [placement_to_json(p) for p in inst.fixed],
        "previous": [placement_to_json(p) for p in inst.previous],
    }
    # Written only when there are some, so documents of events without pitches stay as they were.
    for key, pitches in (("fixed_pitches", inst.fixed_pitches), ("previous_pitches", inst.previous_pitches)):
        if pitches:
            doc[key] = [{"project": p.project, "slot": p.slot} for p in pitches]
    if inst.meetings:
        doc["meetings"] = [{"wish": m.wish, "slot": m.slot, "location": m.location, "status": m.status.value,
                            "locked": m.locked} for m in inst.meetings]
    return doc
