"""What the floor adds to an attendee's agenda: check-in on the meetings under way, and offers to take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from forum.domain import Attendee, Meeting, Slot
from forum.services.floor.clock import check_in_open
from forum.services.floor.offers import OfferView, offers_for
from forum.store.attendance import Attendance, AttendanceStore
from forum.store.connection import Client


class Item(Protocol):
    @property
    def meeting(self) -> Meeting: ...

    @property
    def slot(self) -> Slot: ...


class Agenda(Protocol):
    @property
    def me(self) -> Attendee: ...

    @property
    def now(self) -> datetime | None: ...

    @property
    def live(self) -> Sequence[Item]: ...


@dataclass
class Floor:
    me: str
    open: set[str] = field(default_factory=set)  # meetings whose check-in is open now
    attendance: dict[str, Attendance] = field(default_factory=dict)
    offers: list[OfferView] = field(default_factory=list)

    def here(self, meeting: str) -> bool:
        found = self.attendance.get(meeting)
        return found is not None and self.me in found.here

    def others_here(self, meeting: str) -> bool:
        found = self.attendance.get(meeting)
        return found is not None and any(p != self.me for p in found.here)


def floor_of(client: Client, event: str, agenda: Agenda) -> Floor:
    """The agenda's own `now` is the floor's: one clock reading per page."""
    me, now = agenda.me.id, agenda.now
    if now is None:
        return Floor(me)
    under_way = {i.meeting.id for i in agenda.live if check_in_open(i.slot, now)}
    return Floor(me, under_way, AttendanceStore(client, event).get_many(sorted(under_way)),
                 offers_for(client, event, me, now))
