"""Importing a whole event: one path for the console, the command line and the demo; indexes replaced with it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from forum.domain import Attendee, Event, Importance, Instance, Wish
from forum.domain.instance_json import dump_instance
from forum.errors import Conflict, FormatError
from forum.services.attendees.requests import NewRequest, create_request, received_requests, sent_requests
from forum.services.setup.event_import import import_event, import_instance
from forum.store import EventStore
from forum.store.audit import AuditLog
from forum.store.sessions import SessionStore
from tests.web.attendee.market import EVENT, load, market, session


def _doc(wishes: tuple[Wish, ...]) -> dict[str, object]:
    return dump_instance(replace(market(), wishes=wishes))


def test_console_import_reused_wish_id_reaches_its_new_target_only(store: EventStore) -> None:
    load(store)  # w-other: p3 → b1, and the by-person index built
    assert [r.wish.id for r in received_requests(store.client, EVENT, "b1")] == ["w-other"]
    import_event(store.client, EVENT, "o1", _doc((Wish("w-other", "p1", "b2", message="for Ben only"),)))
    assert received_requests(store.client, EVENT, "b1") == []  # the old target no longer sees it
    assert [r.wish.message for r in received_requests(store.client, EVENT, "b2")] == ["for Ben only"]
    assert sent_requests(store.client, EVENT, "p3") == []
    assert [r.wish.id for r in sent_requests(store.client, EVENT, "p1")] == ["w-other"]


def test_console_import_then_duplicate_open_request_refused(store: EventStore) -> None:
    load(store)
    assert sent_requests(store.client, EVENT, "p1") == []  # p1's empty set is built before the import
    import_event(store.client, EVENT, "o1", _doc((Wish("w1", "p1", "b1"),)))
    with pytest.raises(Conflict, match="already asked this person"):
        create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST))
    assert store.entities(EVENT, Wish).ids() == ["w1"]


def test_import_instance_keeps_organizers_sessions_and_audits(store: EventStore) -> None:
    load(store)
    cookie, _ = session(store, "o1")
    without_organizer = replace(market(), attendees=tuple(a for a in market().attendees if a.id != "o1"))
    stored = import_instance(store.client, without_organizer, "command line")
    assert "o1" in {a.id for a in stored.attendees} and store.entities(EVENT, Attendee).find("o1") is not None
    assert SessionStore(store.client).get(cookie) is not None
    entry = AuditLog(store.client).latest(EVENT, 1)[0]
    assert (entry["who"], entry["action"]) == ("command line", "import event")


def test_import_instance_creates_a_new_event_listed(store: EventStore) -> None:
    import_instance(store.client, Instance(Event("fresh", "Fresh Forum"), (), (), (Attendee("a", "A"),), ()), "demo")
    assert store.ids() == ["fresh"] and store.get("fresh").name == "Fresh Forum"


def test_import_instance_unknown_time_zone_refused_naming_the_field(store: EventStore) -> None:
    load(store)
    bad = replace(market(), event=Event(EVENT, "Lille", "Europe/Pari"))
    with pytest.raises(FormatError, match="event.timezone: 'Europe/Pari' is not a known time zone"):
        import_instance(store.client, bad, "demo")
    assert store.get(EVENT).timezone == "Europe/Paris"


def test_console_import_file_without_event_keeps_the_event(store: EventStore) -> None:
    load(store)
    doc = _doc(())
    del doc["event"]
    import_event(store.client, EVENT, "o1", doc)
    assert store.ids() == [EVENT] and store.get(EVENT).name == "Lille Forum 2030"


def test_import_instance_states_survive_export_import(store: EventStore) -> None:
    from tests.domain.test_instance_states import stateful

    inst = stateful()
    import_instance(store.client, inst, "test")
    back = store.export_instance(inst.event.id)
    assert back.wishes == tuple(sorted(inst.wishes, key=lambda w: w.id))
    assert sorted(back.meetings, key=lambda m: m.id) == sorted(inst.meetings, key=lambda m: m.id)
    assert [p.wish for p in back.fixed] == ["w2"]  # w1 stays proposed (and locked), w2 accepted
    import_instance(store.client, back, "test")
    assert store.export_instance(inst.event.id) == back
