"""Organizers' hand changes to the published schedule: lock, unlock, move, place, cancel; validated and audited."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from forum.checker import Violation, validate
from forum.checker.rules import is_live, is_open, live_schedule
from forum.domain import Attendee, Instance, Meeting, MeetingStatus, Schedule, Wish
from forum.errors import Conflict, InvalidInput
from forum.services import notify
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.changes import Change, apply
from forum.store.connection import Client

ACTIONS = ("lock", "unlock", "cancel")
COUNT = re.compile(r"has \d+ meetings")


def _entry(who: str, action: str, meeting: str, detail: str) -> dict[str, Any]:
    return {"at": time.time(), "who": who, "action": action, "meeting": meeting, "detail": detail}


def _live(meeting: Meeting) -> None:
    if not is_live(meeting):
        raise Conflict(f"meeting {meeting.id} is {meeting.status.value}; only live meetings can be changed")


def _announce(client: Client, event: str, change: Change, wish_participants: tuple[str, ...]) -> None:
    meeting = change.puts(Meeting)[0]
    data = {"type": "meeting.changed", "meeting": {"id": meeting.id, "slot": meeting.slot,
                                                   "location": meeting.location, "status": meeting.status.value,
                                                   "locked": meeting.locked}, "audit": change.audit}
    notify.to_organizers(client, event, data)
    notify.to_attendees(client, event, {who: data for who in wish_participants})


def _change_one(client: Client, event: str, wish_id: str, compute: Callable[[], Change]) -> Meeting:
    """Write one meeting's change atomically with its audit entry, then tell its people and the organizers."""
    change = apply(client, event, (Meeting,), compute)
    wish = EventStore(client).entities(event, Wish).get(wish_id)
    _announce(client, event, change, wish.participants)
    return change.puts(Meeting)[0]


def _refuse_clashes(store: EventStore, event: str, meetings: list[Meeting], changed: Meeting, what: str) -> None:
    """Refuse a hand change that breaks a rule the schedule did not break before, saying which."""
    problems = move_problems(store.export_instance(event), meetings, store.pitches(event), changed)
    if problems:
        raise Conflict(f"This {what} is refused: " + "; ".join(problems))


def set_state(client: Client, event: str, meeting_id: str, action: str, who: str) -> Meeting:
    """Lock (a re-run keeps it where it is), unlock, or cancel one meeting."""
    if action not in ACTIONS:
        raise InvalidInput(f"unknown action {action!r}; choose one of {', '.join(ACTIONS)}")
    store = EventStore(client)

    def compute() -> Change:
        current = store.entities(event, Meeting).get(meeting_id)
        _live(current)
        if action == "cancel":
            new = replace(current, status=MeetingStatus.CANCELLED, locked=False)
        else:
            new = replace(current, locked=action == "lock")
        detail = f"{current.slot} at {current.location}"
        return Change(put={Meeting: [new]}, audit=_entry(who, action, meeting_id, detail))

    return _change_one(client, event, meeting_id, compute)


def would_be(inst: Instance, meetings: list[Meeting], pitches: list[Any], moved: Meeting | None) -> Schedule:
    """The live schedule, with `moved` in place of its old self."""
    others = [m for m in meetings if moved is None or m.id != moved.id]
    return live_schedule(others + ([moved] if moved is not None else []), pitches)


def move_problems(inst: Instance, meetings: list[Meeting], pitches: list[Any], moved: Meeting) -> list[str]:
    """What the validator finds wrong with the move that it did not find before (old problems are not ours).

    Problems are matched by rule and ids, not wording: a cap already exceeded that day is not the move's fault.
    """
    checked = replace(inst, fixed=(), previous=())
    before = {_problem(v) for v in validate(checked, would_be(checked, meetings, pitches, None))}
    after = validate(checked, would_be(checked, meetings, pitches, moved))
    return [v.message for v in after if _problem(v) not in before]


def _problem(v: Violation) -> tuple[int, tuple[str, ...], str]:
    """A violation without its count ('has 9 meetings' / 'has 10 meetings' are the same problem)."""
    return v.rule, v.ids, COUNT.sub("has N meetings", v.message)


def move(client: Client, event: str, meeting_id: str, slot: str, location: str, who: str) -> Meeting:
    """Put a meeting at another slot and table by hand; refused with the reason if it clashes. It gets locked."""
    slot, location = slot.strip()[:100], location.strip()[:100]
    if not slot or not location:
        raise InvalidInput("choose both a slot and a table for the move")
    store = EventStore(client)

    def compute() -> Change:
        meetings = store.entities(event, Meeting).all()
        current = next((m for m in meetings if m.id == meeting_id), None)
        if current is None:
            raise InvalidInput(f"no meeting {meeting_id!r} in the published schedule")
        _live(current)
        moved = replace(current, slot=slot, location=location, locked=True)
        _refuse_clashes(store, event, meetings, moved, "move")
        detail = f"{current.slot} at {current.location} → {slot} at {location}"
        return Change(put={Meeting: [moved]}, audit=_entry(who, "move", meeting_id, detail))

    return _change_one(client, event, meeting_id, compute)


def place(client: Client, event: str, wish_id: str, slot: str, location: str, who: str) -> Meeting:
    """Give an unmet open request a meeting by hand (the left-out page's fix); refused with the reason if it
    clashes. The new meeting is proposed to its participants and locked, like a moved one."""
    store = EventStore(client)

    def compute() -> Change:
        wish = store.entities(event, Wish).find(wish_id)
        if wish is None or not is_open(wish):
            raise Conflict(f"request {wish_id} is not open; only open requests can be placed")
        meetings = store.entities(event, Meeting).all()
        if any(m.id == wish_id and is_live(m) for m in meetings):
            raise Conflict(f"request {wish_id} already has a meeting; move it instead")
        placed = Meeting(wish_id, wish_id, slot, location, MeetingStatus.PROPOSED, locked=True)
        _refuse_clashes(store, event, meetings, placed, "placement")
        return Change(put={Meeting: [placed]}, audit=_entry(who, "place", wish_id, f"{slot} at {location}"))

    return _change_one(client, event, wish_id, compute)


def audit_log(client: Client, event: str, count: int = 50) -> list[dict[str, Any]]:
    return AuditLog(client).latest(event, count)


def meeting_people(client: Client, event: str, meeting_id: str) -> tuple[Meeting, list[Attendee]]:
    """One meeting and the people in it (who a cancel tells), for the organizer's confirmation step."""
    store = EventStore(client)
    meeting = store.entities(event, Meeting).get(meeting_id)
    wish = store.entities(event, Wish).get(meeting.wish)
    found = {a.id: a for a in store.entities(event, Attendee).get_many(list(wish.participants))}
    return meeting, [found[who] for who in wish.participants if who in found]
