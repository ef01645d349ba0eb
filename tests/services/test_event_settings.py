"""The event's own settings: a known time zone and a sane open-request limit, saved with their audit entry."""

from __future__ import annotations

import pytest

from forum.errors import InvalidInput
from forum.services.setup.event_settings import EventSettings, set_event_settings
from forum.store import EventStore
from forum.store.audit import AuditLog
from tests.factories import tiny_instance


def test_set_event_settings_saves_both_and_audits(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    saved = set_event_settings(store.client, "tiny", "o1", EventSettings(" Asia/Tokyo ", 12))
    assert store.get("tiny") == saved and (saved.timezone, saved.max_open_requests) == ("Asia/Tokyo", 12)
    assert saved.name == "Tiny Forum" and "tiny" in store.ids()
    entry = AuditLog(store.client).latest("tiny", 1)[0]
    assert entry["detail"] == "time zone Asia/Tokyo, 12 open requests per attendee"


@pytest.mark.parametrize(("wanted", "message"), [
    (EventSettings("Europe/Pari", 300), "^time zone: 'Europe/Pari' is not a known time zone; write one like"),
    (EventSettings("", 300), "^time zone: '' is not a known time zone"),
    (EventSettings("Europe/Paris", 0), "open requests per attendee must be between 1 and 10000, got 0"),
    (EventSettings("Europe/Paris", 10_001), "between 1 and 10000"),
])
def test_set_event_settings_bad_value_refused_without_change(store: EventStore, wanted: EventSettings,
                                                             message: str) -> None:
    store.import_instance(tiny_instance())
    with pytest.raises(InvalidInput, match=message):
        set_event_settings(store.client, "tiny", "o1", wanted)
    assert store.get("tiny") == tiny_instance().event and AuditLog(store.client).latest("tiny") == []
