"""The buyer home in the browser's terms (pages, forms, redirects): proposed meetings first, triage of requests
with filters kept in the address, shortlist, bulk decline behind a confirmation, decline with undo."""

from __future__ import annotations

import re
import time

import pytest

from forum.domain import Attendee, Importance, Meeting, MeetingStatus, Project, WishStatus
from forum.errors import Conflict
from forum.services.attendees import declines
from forum.services.attendees.requests import NewRequest, create_request
from tests.web.attendee.conftest import Visitor
from tests.web.attendee.market import EVENT, place, wish


@pytest.fixture
def home(visitor: Visitor) -> dict[str, list[str]]:
    """b1 has 60 requests from producers in FR and NO, two of them placed as proposed meetings (p1 with a
    message and a project, and x000), and is signed in."""
    store = visitor.store
    people = [Attendee(f"x{i:03}", f"Producer {i:03}", f"Prod {i:03}", "producer", country=("FR", "NO")[i % 2])
              for i in range(60)]
    store.entities(EVENT, Attendee).put(*people)
    store.entities(EVENT, Project).put(Project("pr1", "Snow Angels", ("p1",)))
    ids = [create_request(store.client, EVENT, p.id, NewRequest("b1", Importance.IF_POSSIBLE)).id for p in people]
    mine = create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST, "Season 2 of our thriller",
                                                                ("p2",))).id
    place(store, mine, "d0-540", "T1")
    place(store, ids[0], "d0-570", "T1")
    visitor.sign_in("b1")
    return {"requests": ids[1:], "meetings": [mine, ids[0]]}


def test_home_summary_speaks_of_one_in_the_singular(visitor: Visitor) -> None:
    store = visitor.store
    store.entities(EVENT, Attendee).put(Attendee("x1", "Producer One", "Prod One", "producer"))
    create_request(store.client, EVENT, "x1", NewRequest("b1", Importance.IF_POSSIBLE))
    place(store, create_request(store.client, EVENT, "p1", NewRequest("b1", Importance.MUST)).id, "d0-540", "T1")
    visitor.sign_in("b1")
    summary = _section(visitor.client.get("/e/lille/agenda").text, "summary")
    assert "1 proposed meeting to answer" in summary and "meetings to answer" not in summary
    assert "2 requests waiting" in summary  # x1 and the market's own w-other


def _section(page: str, ident: str) -> str:
    return page.split(f'id="{ident}"')[1].split("</section>")[0]


def test_home_puts_summary_next_and_proposed_before_requests(visitor: Visitor, home: dict[str, list[str]]) -> None:
    page = visitor.client.get("/e/lille/agenda").text
    assert "2 proposed meetings to answer" in page and "60 requests waiting" in page  # 59 + w-other
    order = [page.index(m) for m in ('id="summary"', 'id="next"', 'id="proposed"', 'id="incoming"', 'id="days"')]
    assert order == sorted(order)
    proposed = _section(page, "proposed")
    assert "Season 2 of our thriller" in proposed and "Must meet" in proposed and "Snow Angels" in proposed
    assert "Pierre Colleague" in proposed


def test_answer_buttons_name_the_person(visitor: Visitor, home: dict[str, list[str]]) -> None:
    page = visitor.client.get("/e/lille/agenda").text
    assert 'aria-label="Accept the meeting with Paula Producer, Pierre Colleague (Lille Films)"' in page
    assert 'aria-label="Decline the request from Olaf Other (Other Prod)"' in page
    french = visitor.client.get("/e/lille/agenda?lang=fr").text
    assert 'aria-label="Accepter la demande de Olaf Other (Other Prod)"' in french
    assert "2 rendez-vous proposés à confirmer" in french


def test_filters_sort_and_pages_keep_the_query(visitor: Visitor, home: dict[str, list[str]]) -> None:
    page = visitor.client.get("/e/lille/requests?country=FR&sort=name").text
    incoming = _section(page, "incoming")
    assert incoming.count('class="card request') == 29  # 30 in FR, one of them has a meeting
    assert "Olaf Other" not in incoming and incoming.index("Producer 002") < incoming.index("Producer 004")
    everyone = _section(visitor.client.get("/e/lille/requests?sort=name").text, "incoming")
    assert 'href="?sort=name&amp;page=2#incoming"' in everyone and "1 / 2" in everyone
    second = _section(visitor.client.get("/e/lille/requests?sort=name&page=2").text, "incoming")
    assert second.count('class="card request') == 10 and 'href="?sort=name#incoming"' in second


@pytest.mark.parametrize("query", ["importance=urgent", "sort=price", "page=0", "page=abc", "kept=maybe",
                                   "country=" + "x" * 100, "page=1&page=2"])
def test_nonsense_query_is_a_400_with_a_sentence(visitor: Visitor, home: dict[str, list[str]], query: str) -> None:
    for path in ("/e/lille/requests", "/e/lille/agenda"):
        answer = visitor.client.get(f"{path}?{query}")
        assert answer.status_code == 400 and '<p class="error"' in answer.text


def test_shortlist_star_and_filter(visitor: Visitor, home: dict[str, list[str]]) -> None:
    starred = home["requests"][4]
    back = "/e/lille/requests?country=NO"
    done = visitor.post(f"/e/lille/requests/{starred}/shortlist", {"keep": "yes", "back": back})
    assert done.status_code == 303 and done.headers["location"] == "/e/lille/requests?country=NO#incoming"
    kept = _section(visitor.client.get("/e/lille/requests?kept=1").text, "incoming")
    assert kept.count('class="card request') == 1 and f'data-wish="{starred}"' in kept and 'aria-pressed="true"' in kept
    assert visitor.post(f"/e/lille/requests/{starred}/shortlist", {"keep": "maybe"}).status_code == 400
    assert visitor.post(f"/e/lille/requests/{starred}/shortlist", {"keep": "yes"}, csrf=False).status_code == 403


def test_bulk_decline_confirms_who_then_declines_all(visitor: Visitor, home: dict[str, list[str]]) -> None:
    chosen = home["requests"][:3]
    ask = visitor.post("/e/lille/requests/decline", {"scope": "selected", "wish": chosen,
                                                      "back": "/e/lille/requests?country=FR"})
    assert ask.status_code == 200 and "Decline 3 requests?" in ask.text
    assert all(f"Producer {i:03}" in ask.text for i in (1, 2, 3))
    assert all(wish(visitor.store, w).status is WishStatus.PENDING for w in chosen)  # nothing yet
    ids = re.findall(r'name="wish" value="([^"]+)"', ask.text)
    done = visitor.post("/e/lille/requests/decline", {"scope": "selected", "wish": ids, "confirm": "yes",
                                                       "back": "/e/lille/requests?country=FR"})
    assert done.status_code == 303 and done.headers["location"] == "/e/lille/requests?country=FR&done=declined#incoming"
    assert all(wish(visitor.store, w).status is WishStatus.DECLINED for w in chosen)


def test_bulk_decline_all_on_this_page(visitor: Visitor, home: dict[str, list[str]]) -> None:
    page = visitor.client.get("/e/lille/requests?country=NO").text
    shown = re.findall(r'name="shown" value="([^"]+)"', page)
    assert len(shown) == 31  # 30 in NO and Olaf Other
    ask = visitor.post("/e/lille/requests/decline", {"scope": "page", "shown": shown, "back": "/e/lille/requests"})
    assert "Decline 31 requests?" in ask.text
    visitor.post("/e/lille/requests/decline", {"scope": "selected", "confirm": "yes", "back": "/e/lille/requests",
                                              "wish": re.findall(r'name="wish" value="([^"]+)"', ask.text)})
    left = _section(visitor.client.get("/e/lille/requests").text, "incoming")
    assert left.count('class="card request') == 29 and "Olaf Other" not in left


@pytest.mark.parametrize("body", [{}, {"scope": "everything", "wish": "x"}, {"scope": "selected"}])
def test_bulk_decline_nonsense_refused(visitor: Visitor, home: dict[str, list[str]], body: dict[str, str]) -> None:
    assert visitor.post("/e/lille/requests/decline", body).status_code == 400


def test_bulk_decline_without_csrf_refused(visitor: Visitor, home: dict[str, list[str]]) -> None:
    chosen = home["requests"][0]
    answer = visitor.post("/e/lille/requests/decline", {"wish": chosen, "confirm": "yes"}, csrf=False)
    assert answer.status_code == 403 and wish(visitor.store, chosen).status is WishStatus.PENDING


def test_decline_shows_undo_and_undo_brings_the_meeting_back(visitor: Visitor, home: dict[str, list[str]]) -> None:
    meeting = home["meetings"][0]
    done = visitor.post(f"/e/lille/meetings/{meeting}/answer", {"decision": "decline", "back": "/e/lille/agenda"})
    assert done.status_code == 303
    page = visitor.client.get(done.headers["location"]).text
    bar = page.split('class="undo-bar"')[1].split("</div>")[0]
    assert "Declined" in bar and "Paula Producer" in bar and f"/meetings/{meeting}/undo" in bar
    assert f'data-meeting="{meeting}"' not in _section(page, "proposed")
    assert meeting not in _section(page, "incoming")  # never back as a request
    undone = visitor.post(f"/e/lille/meetings/{meeting}/undo", {"back": "/e/lille/agenda"})
    assert undone.status_code == 303 and undone.headers["location"] == "/e/lille/agenda?undone=1"
    after = visitor.client.get(undone.headers["location"]).text
    assert 'role="status">Undone: the meeting is back as it was.' in after and 'class="undo-bar"' not in after
    assert f'data-meeting="{meeting}"' in _section(after, "proposed")
    assert wish(visitor.store, meeting).status is WishStatus.PENDING


def test_undo_once_done_or_unknown_is_refused_with_a_sentence(visitor: Visitor, home: dict[str, list[str]]) -> None:
    meeting = home["meetings"][1]
    visitor.post(f"/e/lille/meetings/{meeting}/answer", {"decision": "decline"})
    assert visitor.post(f"/e/lille/meetings/{meeting}/undo", {}).status_code == 303
    again = visitor.post(f"/e/lille/meetings/{meeting}/undo", {})
    assert again.status_code == 409 and "Too late to undo" in again.text
    assert visitor.post("/e/lille/meetings/no-such/undo", {}).status_code == 404
    assert visitor.post("/e/lille/meetings/bad%20id!/undo", {}).status_code in (400, 404)
    assert visitor.store.entities(EVENT, Meeting).get(meeting).status is MeetingStatus.PROPOSED


def test_undo_after_the_window_is_refused_and_the_decline_stays(visitor: Visitor, home: dict[str, list[str]]) -> None:
    """The window is the product's constant; the service is asked with a clock UNDO_SECONDS later (the
    browser test waits the real window)."""
    meeting = home["meetings"][1]
    visitor.post(f"/e/lille/meetings/{meeting}/answer", {"decision": "decline"})
    with pytest.raises(Conflict, match="Too late to undo"):
        declines.undo(visitor.store.client, EVENT, "b1", meeting, now=time.time() + declines.UNDO_SECONDS + 1)
    assert visitor.store.entities(EVENT, Meeting).get(meeting).status is MeetingStatus.DECLINED
