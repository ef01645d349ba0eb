"""The left-out page's nearest fixes, acted on through the organizer's placement in a real store."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from forum.checker import validate
from forum.checker.rules import live_schedule
from forum.domain import Instance, Meeting, PitchPlacement, Schedule
from forum.errors import Conflict
from forum.services.schedule import left_out, meeting_admin
from forum.services.schedule.left_out import UnmetWish
from forum.store import EventStore
from tests.checker.generated_events import events

STORE_PROPERTY = settings(max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _load(store: EventStore, inst: Instance, schedule: Schedule) -> None:
    store.import_instance(Instance(inst.event, inst.slots, inst.locations, inst.attendees, inst.wishes,
                                   inst.pitch_sessions, inst.projects, previous=schedule.meetings))
    store.entities(inst.event.id, PitchPlacement).put(*schedule.pitches)


def _first_fix(store: EventStore, event: tuple[Instance, Schedule], free: bool) -> UnmetWish | None:
    """Load the generated event, open its left-out report, and take the first fix that is (or is not) free."""
    inst, schedule = event
    _load(store, inst, schedule)
    rows = left_out.for_event(store.client, inst.event.id).unmet
    return next((r for r in rows if r.place is not None and r.place.free is free), None)


def _live_is_valid(store: EventStore, event: str) -> bool:
    inst = store.export_instance(event)
    schedule = live_schedule(store.entities(event, Meeting).all(), store.pitches(event))
    return validate(inst, schedule) == []


@STORE_PROPERTY
@given(events())
def test_left_out_free_fix_is_accepted_by_organizer_placement(store: EventStore,
                                                              event: tuple[Instance, Schedule]) -> None:
    row = _first_fix(store, event, free=True)
    if row is None or row.place is None:
        return
    inst = event[0]
    placed = meeting_admin.place(store.client, inst.event.id, row.wish.id, row.place.slot.id, row.place.table, "org")
    assert placed.locked and placed.slot == row.place.slot.id
    assert _live_is_valid(store, inst.event.id)


@STORE_PROPERTY
@given(events())
def test_left_out_fix_with_obstacles_is_refused_by_organizer_placement(store: EventStore,
                                                                       event: tuple[Instance, Schedule]) -> None:
    row = _first_fix(store, event, free=False)
    if row is None or row.place is None:
        return
    inst = event[0]
    with pytest.raises(Conflict, match="This placement is refused"):
        meeting_admin.place(store.client, inst.event.id, row.wish.id, row.place.slot.id, row.place.table, "org")
    assert _live_is_valid(store, inst.event.id)  # nothing was written


def test_place_refuses_a_request_that_already_has_a_meeting(store: EventStore) -> None:
    from tests.factories import tiny_instance

    store.import_instance(tiny_instance())
    with pytest.raises(Conflict, match="already has a meeting"):
        meeting_admin.place(store.client, "tiny", "w1", "s3", "T2", "org")
