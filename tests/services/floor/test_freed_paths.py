"""Where slots are freed on the day: a buyer's decline (offers wait for its undo window, and vanish if it is
undone), a withdrawn request's cancelled meeting; a meeting of another day offers nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from forum.services.attendees import agenda
from forum.services.attendees.declines import UNDO_SECONDS, undo
from forum.services.attendees.requests import withdraw
from forum.services.floor.offers import offers_for
from forum.store import EventStore
from forum.store.offers import OfferStore
from tests.services.floor.market import DAY, EVENT, load, local_now


def _today(minutes_from_now: int) -> datetime:
    """s1's start, so that s2 starts `minutes_from_now` from now, today in the event's time zone."""
    now = local_now().replace(second=0, microsecond=0)
    s2 = min(now + timedelta(minutes=minutes_from_now), now.replace(hour=23, minute=29))
    return s2 - timedelta(minutes=30)


def test_a_same_day_decline_offers_the_slot_once_its_undo_window_closed(store: EventStore) -> None:
    load(store, _today(20))
    agenda.decline(store.client, EVENT, "b1", "w-meet")
    [offer] = [o for o in OfferStore(store.client, EVENT).of("p2") if o.person == "b1"]
    opens = datetime.fromisoformat(offer.visible_from)
    assert timedelta(seconds=UNDO_SECONDS - 2) < opens - local_now() <= timedelta(seconds=UNDO_SECONDS)
    assert offers_for(store.client, EVENT, "p2", now=opens - timedelta(seconds=1)) == []
    assert [v.offer.id for v in offers_for(store.client, EVENT, "p2", now=opens)] == [offer.id]
    undo(store.client, EVENT, "b1", "w-meet")
    assert offers_for(store.client, EVENT, "p2", now=opens) == []  # the meeting is back on


def test_a_withdrawn_request_frees_its_slot_for_the_others_at_once(store: EventStore) -> None:
    load(store, _today(20))
    withdraw(store.client, EVENT, "p1", "w-meet")
    assert [v.person.name for v in offers_for(store.client, EVENT, "p2")] == ["Anna Berg"]


def test_a_decline_on_another_day_offers_nothing(store: EventStore) -> None:
    load(store, DAY.replace(hour=14))  # 2030
    agenda.decline(store.client, EVENT, "b1", "w-meet")
    assert OfferStore(store.client, EVENT).of("p2") == []
