"""The demo events: moved to start on a chosen day, an organizer in each, and sign-in links that sign in."""

from __future__ import annotations

from datetime import date, timedelta

from forum.domain import Attendee, Slot
from forum.services.setup import demo
from forum.services.signin.access import confirm_link
from forum.services.signin.sessions import session_of
from forum.store import EventStore

SECRET = "demo-test-secret-" + "x" * 32
ORIGIN = "http://127.0.0.1:8000"


def test_starting_on_moves_slots_and_availability_by_the_same_days() -> None:
    tour = demo.demo_tour()
    moved = demo.starting_on(tour, date(2027, 1, 5))
    shift = date(2027, 1, 5) - min(s.start for s in tour.slots).date()
    assert min(s.start for s in moved.slots).date() == date(2027, 1, 5)
    assert [s.start - s0.start for s, s0 in zip(moved.slots, tour.slots, strict=True)] == [shift] * len(tour.slots)
    for before, after in zip(tour.attendees, moved.attendees, strict=True):
        if before.available is None:
            assert after.available is None
        else:
            assert after.available is not None
            assert [w.start - w0.start for w, w0 in zip(after.available, before.available, strict=True)] == \
                [shift] * len(before.available)
    assert [s.id for s in moved.slots] == [s.id for s in tour.slots]  # pitch sessions name them


def test_demo_tour_has_an_organizer_and_the_sample_file_is_unchanged() -> None:
    assert [a.id for a in demo.demo_tour().attendees if a.role == "organizer"] == ["org1"]
    assert not any(a.role == "organizer" for a in demo.inspiration_tour().attendees)


def test_load_demo_events_start_on_the_day_asked_or_today(store: EventStore) -> None:
    demo.load_demo(store.client, date.today() + timedelta(days=1))
    for event in ("inspiration-tour-2026", "series-mania-2026"):
        first = min(s.start for s in store.entities(event, Slot).all()).date()
        assert first == date.today() + timedelta(days=1)
    demo.load_demo(store.client)
    assert min(s.start for s in store.entities("series-mania-2026", Slot).all()).date() == date.today()


def test_demo_links_sign_in_an_organizer_a_producer_and_a_buyer_of_each_event(store: EventStore) -> None:
    demo.load_demo(store.client, date.today())
    links = demo.demo_links(store.client, SECRET, ORIGIN)
    assert sorted((d.event, d.role) for d in links) == sorted(
        (e, r) for e in ("inspiration-tour-2026", "series-mania-2026") for r in ("organizer", "producer", "buyer"))
    for d in links:
        assert d.link.startswith(f"{ORIGIN}/signin/")
        cookie = confirm_link(store.client, SECRET, d.link.rsplit("/", 1)[1])
        session = session_of(store.client, cookie)
        assert session is not None and session.event == d.event
        assert session.role == d.role
        assert store.entities(d.event, Attendee).get(session.attendee).name == d.name


def test_demo_links_skip_an_event_that_is_not_loaded(store: EventStore) -> None:
    store.import_instance(demo.starting_on(demo.demo_tour(), date.today()))
    links = demo.demo_links(store.client, SECRET, ORIGIN)
    assert {d.event for d in links} == {"inspiration-tour-2026"}


def test_starting_on_moves_request_time_windows_too() -> None:
    from tests.factories import tiny_instance

    inst = tiny_instance()
    moved = demo.starting_on(inst, min(s.start for s in inst.slots).date() + timedelta(days=3))
    before = next(w for w in inst.wishes if w.within)
    after = next(w for w in moved.wishes if w.id == before.id)
    assert after.within is not None and before.within is not None
    assert [x.start - y.start for x, y in zip(after.within, before.within, strict=True)] == [timedelta(days=3)]
