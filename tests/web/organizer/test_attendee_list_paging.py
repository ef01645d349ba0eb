"""The console's attendee list: searched by name, company, email, country or role, fifty a page, and
nonsense in the address refused with a sentence."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from forum.domain import Attendee
from forum.store import EventStore

Org = tuple[TestClient, str]


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-attendee="([^"]+)"', html)


@pytest.fixture
def crowd(events: EventStore) -> None:
    events.entities("tiny", Attendee).put(*[
        Attendee(f"x{i:03d}", f"Person {i:03d}", "Crowd Films" if i % 2 else "Other TV", "producer",
                 country="DE" if i == 7 else "FR", email=f"p{i}@crowd.example") for i in range(120)])


def test_attendees_come_fifty_a_page_with_links_between_pages(organizer: Org, crowd: None) -> None:
    client, _ = organizer
    first = client.get("/e/tiny/organizer/attendees")
    assert len(_rows(first.text)) == 50 and "Page 1 of 3" in first.text and "page=2" in first.text
    last = client.get("/e/tiny/organizer/attendees?page=3")
    assert len(_rows(last.text)) == 124 - 100 and "page=2" in last.text


@pytest.mark.parametrize(("query", "expected"), [
    ("q=Ada", ["a1"]),  # name
    ("q=hbo", ["a1"]),  # company, any case
    ("q=p7%40crowd", ["x007"]),  # email
    ("q=DE", ["x007"]),  # country
    ("role=buyer", ["a1"]),  # role filter
    ("q=organizer", ["o1"]),  # role as a word
    ("q=other+tv+person+11", ["x110", "x112", "x114", "x116", "x118"]),  # every word must match
])
def test_attendee_search_finds_by_each_field(organizer: Org, crowd: None, query: str, expected: list[str]) -> None:
    client, _ = organizer
    page = client.get(f"/e/tiny/organizer/attendees?{query}")
    assert page.status_code == 200 and sorted(_rows(page.text)) == expected


def test_attendee_search_with_no_match_says_so(organizer: Org, crowd: None) -> None:
    client, _ = organizer
    page = client.get("/e/tiny/organizer/attendees?q=nobody-at-all")
    assert page.status_code == 200 and _rows(page.text) == [] and "Nobody matches this search." in page.text


@pytest.mark.parametrize(("query", "sentence"), [
    ("page=0", "The page must be a whole number from 1"),
    ("page=-3", "The page must be a whole number from 1"),
    ("page=two", "The page must be a whole number from 1"),
    ("page=99999999999", "The page must be a whole number from 1"),
    ("page=4", "There are only 3 pages for this search."),
    ("q=" + "x" * 101, "The search is too long: at most 100 characters."),
    ("role=wizard", "Nobody here has the role &#39;wizard&#39;"),
    ("role=" + "r" * 41, "There is no such role."),
])
def test_attendee_list_nonsense_in_the_address_is_a_400_with_a_sentence(organizer: Org, crowd: None, query: str,
                                                                        sentence: str) -> None:
    client, _ = organizer
    page = client.get(f"/e/tiny/organizer/attendees?{query}")
    assert page.status_code == 400 and sentence in page.text
    assert 'href="/e/tiny/organizer"' in page.text  # a way back to the console
