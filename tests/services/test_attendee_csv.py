"""CSV attendee import: good files land whole, bad ones are reported row by row and change nothing."""

from __future__ import annotations

import pytest

from forum.domain import Attendee
from forum.errors import InvalidInput, NotFound
from forum.services.setup.attendee_csv import export_attendees, import_attendees, parse_attendees
from forum.store import EventStore
from tests.factories import tiny_instance

GOOD = """id,name,organization,role,country,email,available,max_meetings,max_per_day
b1,Théo Au,HBO,buyer,US,theo@example.org,2026-03-24T09:00/2026-03-24T18:00;2026-03-25T09:00/2026-03-25T13:00,12,8
p1,Lou Prod,Films,producer,FR,,,,
"""


def test_import_attendees_good_file_adds_all_rows(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    assert import_attendees(store.client, "tiny", GOOD) == 2
    buyer = store.entities("tiny", Attendee).get("b1")
    assert buyer.organization == "HBO" and buyer.max_meetings == 12 and buyer.max_per_day == 8
    assert buyer.available is not None and len(buyer.available) == 2
    assert store.entities("tiny", Attendee).get("p1").available is None


def test_import_attendees_bad_rows_reported_with_line_numbers_and_nothing_written(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    before = store.entities("tiny", Attendee).ids()
    bad = GOOD + "x1,,Org,buyer\nx2,Name,Org,buyer,,,,lots,\nb1,Again,Org,buyer\nx3,N,O,buyer,,,09:00-18:00\n"
    with pytest.raises(InvalidInput) as caught:
        import_attendees(store.client, "tiny", bad)
    message = caught.value.message
    assert "nothing was imported" in message
    assert "line 4: name is empty" in message
    assert "line 5: max_meetings must be a whole number" in message
    assert "line 6: id 'b1' already used on line 2" in message
    assert "line 7: availability" in message
    assert store.entities("tiny", Attendee).ids() == before


def test_import_attendees_missing_column_refused(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput, match="missing column"):
        import_attendees(store.client, "tiny", "identifier,fullname\n1,x\n")


def test_import_attendees_unknown_event_refused(store: EventStore) -> None:
    with pytest.raises(NotFound):
        import_attendees(store.client, "nope", GOOD)


def test_import_attendees_empty_file_refused(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput):
        import_attendees(store.client, "tiny", "id,name\n")


def test_export_attendees_reimports_identically(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    import_attendees(store.client, "tiny", GOOD)
    text = export_attendees(store.client, "tiny")
    attendees, errors = parse_attendees(text)
    assert errors == []
    assert sorted(attendees, key=lambda a: a.id) == sorted(store.entities("tiny", Attendee).all(),
                                                           key=lambda a: a.id)
