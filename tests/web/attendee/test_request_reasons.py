"""A producer reads why the published schedule leaves a request out, with names, and only what they may know."""

from __future__ import annotations

from dataclasses import replace

import pytest

from forum.domain import Attendee, Why, WhyCode, Wish
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import market
from tests.web.attendee.reason_cases import (
    Case,
    cap_day,
    cap_total,
    hours,
    load_and_publish,
    lost_to_others,
    lost_to_own,
    no_common_time,
    people,
    pitch_clash,
    tables_full,
    unfinished,
)

OTHERS = ("Olaf Other", "Nordic noir")  # the other requester and their message
CASES = {
    "cap_total": Case(cap_total, "p1", ("Bea Buyer has reached the limit of one meeting.",), OTHERS),
    "cap_day": Case(cap_day, "p1", ("Bea Buyer&#39;s days are full (one meeting a day).",), OTHERS),
    # the overlap with the asker, never the rest of Ben's day (10:00-11:00)
    "no_common_time": Case(no_common_time, "p1", (
        "Ben Distributor and you are free together only on Wednesday 09:00–10:00, outside the days you chose.",),
        ("10:30", "11:00")),
    "pitch_clash": Case(pitch_clash, "p1", (
        "Every time you share with Bea Buyer clashes with a pitch or panel session.",), ("Secret Series", "Olaf")),
    "tables_full": Case(tables_full, "p1", (
        "You and Ben Distributor are both free only on Tuesday 09:00–09:30, when every table is taken.",),
        (*OTHERS, "Bea Buyer")),
    "lost_to_own_must": Case(lost_to_own(10), "p1", (
        "A must-meet request of yours took the time you share with Ben Distributor.",), OTHERS),
    # a colleague on the request learns that Paula's own request won, never whom it was with
    "lost_to_own_must_colleague": Case(lost_to_own(10), "p2", (
        "A must-meet request of Paula Producer took the time you share with Ben Distributor.",),
        ("Bea Buyer", "my own pitch")),
    "lost_to_own": Case(lost_to_own(3), "p2", (
        "Paula Producer&#39;s other meetings took the times you share with Ben Distributor.",),
        ("Bea Buyer", "my own pitch")),
    "lost_to_others": Case(lost_to_others, "p1", ("Bea Buyer&#39;s free time went to other meetings.",), OTHERS),
    # a reason naming someone outside the request (a bug, an old draft) names nobody
    "time_limit": Case(unfinished, "p1", (
        "The last schedule run ended before it could place this meeting; the next run may.",), OTHERS,
        Why(WhyCode.TIME_LIMIT, ("p3",), slots=("d0-540",))),
    "cancelled": Case(unfinished, "p1", (
        "The last schedule run was stopped before it could place this meeting; the next run may.",), OTHERS,
        Why(WhyCode.CANCELLED, ("p3",))),
    "outsider": Case(unfinished, "p1", ("The times you share with Ben Distributor went to other meetings.",),
                     OTHERS, Why(WhyCode.LOST_TO_OTHERS, ("p3",))),
}


def _requests_page(visitor: Visitor, case: Case, lang: str = "en") -> str:
    load_and_publish(visitor.store, case)
    page = visitor.sign_in(case.viewer).client.get(f"/e/lille/requests?lang={lang}")
    assert page.status_code == 200
    return page.text


@pytest.mark.parametrize("kind", sorted(CASES))
def test_reason_shown_to_the_asker_with_names(visitor: Visitor, kind: str) -> None:
    page = _requests_page(visitor, CASES[kind])
    assert "Not in the published schedule" in page
    for sentence in CASES[kind].shown:
        assert sentence in page


@pytest.mark.parametrize("kind", sorted(CASES))
def test_reason_never_leaks_what_the_asker_may_not_know(visitor: Visitor, kind: str) -> None:
    page = _requests_page(visitor, CASES[kind])
    sent = page[page.index('id="sent"'):]  # the page's own chrome is not the request's
    for secret in CASES[kind].hidden:
        assert secret not in sent


def test_reason_in_french_with_names(visitor: Visitor) -> None:
    page = _requests_page(visitor, CASES["cap_day"], "fr")
    assert "Absent du planning publié" in page
    assert "Les journées de Bea Buyer sont complètes (un rendez-vous par jour)." in page


def test_reason_on_the_person_page(visitor: Visitor) -> None:
    load_and_publish(visitor.store, CASES["lost_to_others"])
    page = visitor.sign_in("p1").client.get("/e/lille/people/b1").text
    assert "Not in the published schedule" in page and "Bea Buyer&#39;s free time went to other meetings." in page
    assert "Olaf Other" not in page and "Nordic noir" not in page


def test_reason_not_shown_to_the_person_asked(visitor: Visitor) -> None:
    load_and_publish(visitor.store, CASES["lost_to_others"])
    page = visitor.sign_in("b1").client.get("/e/lille/requests").text
    assert "other meetings" not in page and 'class="why"' not in page


def test_what_would_help_names_a_colleague_of_the_person_asked(visitor: Visitor) -> None:
    nina = Attendee("b3", "Nina Nordic", "Nordic TV", "buyer", available=(hours(0, 9, 10),))
    maker = Attendee("b4", "Max Maker", "Nordic TV", "producer")  # takes no requests
    case = replace(CASES["cap_total"], build=lambda: replace(
        cap_total(), attendees=(*cap_total().attendees, nina, maker)))
    requests_page = _requests_page(visitor, case)
    assert 'href="/e/lille/people/b1#why"' in requests_page and "What would help" not in requests_page
    page = visitor.client.get("/e/lille/people/b1").text  # what would help is looked for when asked
    assert "What would help" in page
    assert "A colleague of Bea Buyer (Nina Nordic, same company) has free slots on Tuesday." in page
    assert 'href="/e/lille/people/b3"' in page and "Max Maker" not in page


def test_what_would_help_counts_slots_a_wider_availability_opens(visitor: Visitor) -> None:
    apart = people(p1={"available": (hours(0, 9, 11),)}, b2={"available": (hours(1, 9, 10),)})
    _requests_page(visitor, replace(CASES["no_common_time"], build=lambda: replace(
        market(), attendees=apart, wishes=(Wish("mine", "p1", "b2", 3),))), "fr")
    page = visitor.client.get("/e/lille/people/b2?lang=fr").text
    assert "Ben Distributor et vous n&#39;avez aucun moment libre en commun." in page
    assert "Élargir vos disponibilités au mercredi matin donnerait 2 créneaux possibles." in page


def test_what_would_help_is_for_the_requester_only(visitor: Visitor) -> None:
    page = _requests_page(visitor, replace(CASES["lost_to_own"], viewer="p2"))
    assert 'class="why"' in page and "#why" not in page
