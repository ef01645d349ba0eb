"""An event stored with a time zone the system does not know (before imports checked it) still shows its pages."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from forum.domain import Event
from forum.store.agenda import AgendaStore
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT, market, place


@pytest.mark.parametrize("zone", ["Europe/Pari", "", "../../etc/passwd", "Europe"])
def test_agenda_print_ics_and_feed_answer_with_a_stored_bad_zone(visitor: Visitor, zone: str,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    visitor.store.import_instance(replace(market(), event=Event(EVENT, "Lille Forum 2030", zone)))  # the old way
    place(visitor.store, "w-other")
    visitor.sign_in("b1")
    key = AgendaStore(visitor.store.client, EVENT).feed_key("b1")
    with caplog.at_level(logging.WARNING, logger="forum.services"):
        for path in ("/e/lille/agenda", "/e/lille/agenda/print", "/e/lille/agenda.ics", f"/e/lille/calendar/{key}.ics"):
            assert visitor.client.get(path).status_code == 200, path
    assert "unknown time zone" in caplog.text
    assert "X-WR-TIMEZONE:UTC" in visitor.client.get("/e/lille/agenda.ics").text
