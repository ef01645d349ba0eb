"""The calendar feed: stable UIDs, SEQUENCE that grows with changes, Europe/Paris converted to UTC."""

from __future__ import annotations

import pytest

from forum.domain import Importance, MeetingStatus
from forum.services.attendees.requests import NewRequest, create_request
from forum.services.exports.ics import calendar, escape, fold
from forum.store import EventStore
from tests.web.attendee.market import EVENT, load, place


def _events(text: str) -> list[dict[str, str]]:
    unfolded = text.replace("\r\n ", "")
    out, current = [], {}
    for line in unfolded.split("\r\n"):
        key, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            out.append(current)
        else:
            current[key] = value
    return out


@pytest.fixture
def booked(store: EventStore) -> str:
    load(store)
    wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Crime; drama, pilot\nready"))
    place(store, wish.id, "d0-540", "T1")
    return wish.id


def test_ics_times_are_utc_from_paris(store: EventStore, booked: str) -> None:
    text = calendar(store.client, EVENT, "p1")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    [meeting] = _events(text)
    # 19 March 2030, 09:00 in Paris is winter time (UTC+1): 08:00 UTC.
    assert meeting["DTSTART"] == "20300319T080000Z" and meeting["DTEND"] == "20300319T083000Z"
    assert meeting["UID"] == f"{booked}@{EVENT}.forum" and meeting["SEQUENCE"] == "0"
    assert meeting["STATUS"] == "TENTATIVE" and meeting["LOCATION"] == "Table 1\\, Hall A"
    assert meeting["DESCRIPTION"] == ("With: Bea Buyer\\, Head of Drama\\, Nordic TV\\n"
                                      "Message: Crime\\; drama\\, pilot\\nready")


def test_ics_summer_time_after_the_clocks_change(store: EventStore, booked: str) -> None:
    from datetime import datetime

    from forum.domain import Slot, Window

    store.entities(EVENT, Slot).put(Slot("summer", Window(datetime(2030, 6, 3, 9), datetime(2030, 6, 3, 10))))
    place(store, booked, "summer", "T1")
    [meeting] = _events(calendar(store.client, EVENT, "b1"))
    assert meeting["DTSTART"] == "20300603T070000Z"


def test_ics_sequence_grows_when_meeting_changes(store: EventStore, booked: str) -> None:
    first = _events(calendar(store.client, EVENT, "b1"))[0]
    again = _events(calendar(store.client, EVENT, "p1"))[0]
    place(store, booked, "d1-600", "T2")
    moved = _events(calendar(store.client, EVENT, "p1"))[0]
    place(store, booked, "d1-600", "T2", MeetingStatus.ACCEPTED)
    accepted = _events(calendar(store.client, EVENT, "b1"))[0]
    assert [e["SEQUENCE"] for e in (first, again, moved, accepted)] == ["0", "0", "1", "2"]
    assert len({e["UID"] for e in (first, moved, accepted)}) == 1
    assert accepted["STATUS"] == "CONFIRMED"


def test_ics_cancelled_meeting_stays_with_status(store: EventStore, booked: str) -> None:
    place(store, booked, "d0-540", "T1", MeetingStatus.CANCELLED)
    [meeting] = _events(calendar(store.client, EVENT, "p1"))
    assert meeting["STATUS"] == "CANCELLED" and meeting["SEQUENCE"] == "0"


def test_ics_fold_keeps_lines_short_and_characters_whole() -> None:
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape("a\\b") == "a\\\\b"


def test_ics_and_agenda_include_pitches_for_presenter_and_panel(store: EventStore) -> None:
    from forum.domain import PitchPlacement
    from forum.services.attendees.agenda import agenda
    from tests.factories import tiny_instance

    store.import_instance(tiny_instance())
    store.entities("tiny", PitchPlacement).put(PitchPlacement("pr1", "p1"))
    presenter = _events(calendar(store.client, "tiny", "a2"))
    panel = _events(calendar(store.client, "tiny", "a1"))
    pitch = next(e for e in presenter if e["UID"] == "pitch-pr1@tiny.forum")
    assert pitch["SUMMARY"] == "Your pitch: Les Mines" and pitch["LOCATION"] == "Pitch room"
    assert pitch["DTSTART"] == "20260324T130000Z"  # 14:00 in Paris, before the clocks change
    assert any(e["SUMMARY"] == "Pitch session: Les Mines" for e in panel)
    assert not any(e["UID"].startswith("pitch-") for e in _events(calendar(store.client, "tiny", "a3")))
    days = agenda(store.client, "tiny", "a2").days
    assert [i.kind for _, items in days for i in items][-1] == "pitch"


def test_ics_description_says_who_with_message_and_links_to_the_agenda(store: EventStore) -> None:
    load(store)
    message = "Our slate; a thriller, a comedy \\ more — and a very long pitch line " * 3
    wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, message.strip()[:490]))
    place(store, wish.id, "d0-540", "T1")
    text = calendar(store.client, EVENT, "b1", origin="https://forum.example.org/")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded, UTF-8 characters whole
    [meeting] = _events(text)
    lines = meeting["DESCRIPTION"].split("\\n")
    assert lines[0] == "With: Paula Producer\\, CEO\\, Lille Films"
    assert lines[1] == "Message: " + escape(message.strip()[:490])
    assert lines[2] == "Agenda: https://forum.example.org/e/lille/agenda"
    assert meeting["UID"] == f"{wish.id}@{EVENT}.forum" and meeting["SEQUENCE"] == "0"


def test_ics_description_without_origin_or_message_has_no_empty_lines(store: EventStore) -> None:
    load(store)
    wish = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, ""))
    place(store, wish.id, "d0-540", "T1")
    [meeting] = _events(calendar(store.client, EVENT, "b1"))
    assert meeting["DESCRIPTION"] == "With: Paula Producer\\, CEO\\, Lille Films"
    assert "Agenda:" not in meeting["DESCRIPTION"] and "\\n\\n" not in meeting["DESCRIPTION"]


def test_ics_pitch_description_names_the_project_and_links_back(store: EventStore) -> None:
    from forum.domain import PitchPlacement
    from tests.factories import tiny_instance

    store.import_instance(tiny_instance())
    store.entities("tiny", PitchPlacement).put(PitchPlacement("pr1", "p1"))
    pitch = next(e for e in _events(calendar(store.client, "tiny", "a1", "http://127.0.0.1:8000"))
                 if e["UID"] == "pitch-pr1@tiny.forum")
    assert pitch["DESCRIPTION"] == "Pitch session: Les Mines\\nAgenda: http://127.0.0.1:8000/e/tiny/agenda"
