"""Who may do what: every route of the app (every method, every websocket) × every kind of viewer, each answer
checked against ONE table written below (EXPECTED). A route missing from the table fails the suite.

The table says what the answer must be. Two of its columns once differed from what the app did (issue 10):
a demoted organizer's old session kept the console, its API and its live stream, and a signed-in attendee
could not use the sign-in forms (their CSRF check wanted the session's token, the forms showed another).
POSTs carry the viewer's valid CSRF token, so a refusal here is about who is asking, never about CSRF
(tests/web/test_csrf_every_post.py tests that); and each POST sends a body (BODIES) that the allowed viewer's
request succeeds with, so "allowed" shows as a success, not as a 400.

Viewers (each cell starts from the same freshly built event):
- anonymous: no session;
- other_event: p1 of another event (the same attendee id as this event's producer, another event's session);
- producer: p1, who asked b1 (w-ask), and sits as a colleague in p2's proposed meeting w-meet and in p4's
  declined request w-no;
- buyer: b1, asked in all of them;
- organizer: o1, this event's organizer;
- demoted: o2's session opened while o2 was an organizer; o2's record now says buyer;
- foreign: p3, a producer of another company, acting on Lille Films' request and meeting ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import httpx
import pytest
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from forum.config import Settings
from forum.domain import (
    Attendee,
    Event,
    Instance,
    Location,
    Meeting,
    MeetingStatus,
    Placement,
    RunStatus,
    Schedule,
    Slot,
    SolverRun,
    Window,
    Wish,
    WishStatus,
)
from forum.domain.instance_json import dump_instance
from forum.launcher.valkey import EmbeddedValkey
from forum.services import mailing
from forum.services.exports.feeds import feed_key
from forum.services.mail.prefs import stop_token
from forum.services.signin import invitations
from forum.services.signin.access import create_session, make_link_token
from forum.services.signin.sessions import session_of
from forum.services.workers import WorkerBeat
from forum.store import EventStore
from forum.store.offers import Offer, OfferStore
from forum.store.runs import RunStore
from forum.store.schedule import ScheduleStore
from forum.web import create_app
from forum.web.auth import ANON_CSRF_COOKIE, SESSION_COOKIE

EVENT, ELSEWHERE = "lille", "elsewhere"
SECRET = "test-secret"
ORIGIN = "http://testserver"  # the TestClient's own origin, also the public origin sign-in links are built on
DAY1 = datetime(2030, 3, 19)
SETTINGS = Settings(redis_url="redis://unused", secret_key=SECRET, public_origin=ORIGIN)

VIEWERS = ("anonymous", "other_event", "producer", "buyer", "organizer", "demoted", "foreign")
SIGNED_IN = {"other_event": (ELSEWHERE, "p1"), "producer": (EVENT, "p1"), "buyer": (EVENT, "b1"),
             "organizer": (EVENT, "o1"), "demoted": (EVENT, "o2"), "foreign": (EVENT, "p3")}
OPEN, SHUT = "open", "shut"  # a websocket accepted, or closed before accept (the client sees the handshake refused)
WS, WS_ORGANIZER = "WS", "WS ?view=organizer"  # the attendee's stream, the console's stream

# Placeholders in the bodies below, filled with the ids of the event built for each cell.
CODE, INSTANCE = "<p2's access code>", "<the event as forum-instance/1>"


@dataclass(frozen=True)
class Body:
    """What a POST sends: form fields (urlencoded, or multipart when there are files) or a JSON object."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # field name → content (or a placeholder)
    json: dict[str, object] | None = None


# THE TABLE: route pattern and method → the answer each viewer must get, in the order of VIEWERS.
# 200/202 = served, 303 = redirected (after a form: done; a page for an anonymous visitor: to sign in),
# 401 = sign in first (forms, API, metrics), 403 = refused, 404 = someone else's request or meeting, answered
# exactly like an id that does not exist, 409 = allowed, but run-1 is finished and cannot be cancelled,
# OPEN/SHUT = websocket accepted/refused before accept. The demoted column is the one issue 10 was about: the
# old session of an organizer now recorded as a buyer gets what a buyer gets, the console and its stream refused.
EXPECTED: dict[tuple[str, str], tuple[int | str, ...]] = {
    # (pattern, method):                       (anonymous, other_event, producer, buyer, organizer, demoted, foreign)
    # Public: the event list, health, static files; metrics for organizers (or the metrics token)
    ("/", "GET"):                                                  (200, 200, 200, 200, 200, 200, 200),
    ("/healthz", "GET"):                                           (200, 200, 200, 200, 200, 200, 200),
    ("/metrics", "GET"):                                           (401, 401, 401, 401, 200, 401, 401),
    ("/static/{path}", "GET"):                                     (200, 200, 200, 200, 200, 200, 200),
    # The installable app (service worker, manifest, offline page): public like static files, naming nobody
    ("/sw.js", "GET"):                                             (200, 200, 200, 200, 200, 200, 200),
    ("/manifest.webmanifest", "GET"):                              (200, 200, 200, 200, 200, 200, 200),
    ("/offline", "GET"):                                           (200, 200, 200, 200, 200, 200, 200),
    # Signing in: for anyone, signed in or not (the link or code is the credential)
    ("/signin", "GET"):                                            (200, 200, 200, 200, 200, 200, 200),
    ("/signin", "POST"):                                           (303, 303, 303, 303, 303, 303, 303),
    ("/signin/{token}", "GET"):                                    (200, 200, 200, 200, 200, 200, 200),
    ("/signin/{token}", "POST"):                                   (303, 303, 303, 303, 303, 303, 303),
    ("/signout", "POST"):                                          (303, 303, 303, 303, 303, 303, 303),
    # The stop link in every mail: for anyone (its signed token is the credential), a button confirms
    ("/mail/stop/{stop}", "GET"):                                  (200, 200, 200, 200, 200, 200, 200),
    ("/mail/stop/{stop}", "POST"):                                 (200, 200, 200, 200, 200, 200, 200),
    # Attendee pages and forms: any attendee of this event (organizers too); the calendar key is a credential
    ("/e/{event}", "GET"):                                         (303, 403, 303, 303, 303, 303, 303),
    ("/e/{event}/agenda", "GET"):                                  (303, 403, 200, 200, 200, 200, 200),
    ("/e/{event}/agenda.ics", "GET"):                              (303, 403, 200, 200, 200, 200, 200),
    ("/e/{event}/agenda/print", "GET"):                            (303, 403, 200, 200, 200, 200, 200),
    ("/e/{event}/calendar/{key}.ics", "GET"):                      (200, 200, 200, 200, 200, 200, 200),
    ("/e/{event}/people", "GET"):                                  (303, 403, 200, 200, 200, 200, 200),
    ("/e/{event}/people/{attendee}", "GET"):                       (303, 403, 200, 200, 200, 200, 200),
    ("/e/{event}/requests", "GET"):                                (303, 403, 200, 200, 200, 200, 200),
    ("/e/{event}/requests", "POST"):                               (401, 403, 303, 303, 303, 303, 303),
    ("/e/{event}/mail", "GET"):                                    (303, 403, 200, 200, 200, 200, 200),
    ("/e/{event}/mail", "POST"):                                   (401, 403, 303, 303, 303, 303, 303),
    # Someone's request or meeting: only its parties; anyone else gets the 404 of an id that does not exist
    ("/e/{event}/meetings/{meeting}/answer", "POST"):              (401, 403, 303, 303, 404, 404, 404),
    # The floor: a meeting's parties check in (409: allowed, but w-meet is in 2030, outside its check-in time);
    # a standby offer is its recipient's only (p1's; 409 on taking: it opens in 2030)
    ("/e/{event}/meetings/{meeting}/checkin", "POST"):             (401, 403, 409, 409, 404, 404, 404),
    ("/e/{event}/offers/{offer}/take", "POST"):                    (401, 403, 409, 404, 404, 404, 404),
    ("/e/{event}/offers/{offer}/pass", "POST"):                    (401, 403, 303, 404, 404, 404, 404),
    ("/e/{event}/requests/{wish}/answer", "POST"):                 (401, 403, 404, 303, 404, 404, 404),
    ("/e/{event}/requests/{wish}/reopen", "POST"):                 (401, 403, 404, 303, 404, 404, 404),
    ("/e/{event}/requests/{wish}/withdraw", "POST"):               (401, 403, 303, 404, 404, 404, 404),
    # Triage: only the person asked stars or declines in bulk; an undo is the decliner's (409: allowed, but
    # nothing was declined in this cell's fresh event, so there is nothing to undo)
    ("/e/{event}/requests/{wish}/shortlist", "POST"):              (401, 403, 404, 303, 404, 404, 404),
    ("/e/{event}/requests/decline", "POST"):                       (401, 403, 404, 303, 404, 404, 404),
    ("/e/{event}/meetings/{meeting}/undo", "POST"):                (401, 403, 409, 409, 404, 404, 404),
    # Organizer console: this event's organizers only (pages redirect anonymous visitors to sign in)
    ("/e/{event}/organizer", "GET"):                               (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/attendance", "GET"):                    (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/attendees", "GET"):                     (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/attendees.csv", "GET"):                 (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/attendees/caps", "POST"):               (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/attendees/code", "POST"):               (401, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/attendees/import", "POST"):             (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/attendees/link", "POST"):               (401, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/attendees/links.csv", "POST"):          (401, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/attendees/sessions/end", "POST"):       (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/compare", "GET"):                       (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/exports", "GET"):                       (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/exports/instance.json", "GET"):         (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/exports/schedule.csv", "GET"):          (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/exports/schedule.json", "GET"):         (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/exports/sheets", "GET"):                (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/left-out", "GET"):                      (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/left-out/place", "POST"):               (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/meetings", "GET"):                      (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/meetings/move", "POST"):                (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/meetings/{meeting}/state", "POST"):     (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/outbox", "GET"):                        (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/outbox/invitations", "POST"):           (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/outbox/{mail}", "GET"):                 (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/runs", "GET"):                          (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/runs", "POST"):                         (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/runs/{run}", "GET"):                    (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/runs/{run}/cancel", "POST"):            (401, 403, 403, 403, 409, 403, 403),
    ("/e/{event}/organizer/runs/{run}/live", "GET"):               (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/runs/{run}/publish", "POST"):           (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/setup", "GET"):                         (303, 403, 403, 403, 200, 403, 403),
    ("/e/{event}/organizer/setup/caps", "POST"):                   (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/setup/event", "POST"):                  (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/setup/import", "POST"):                 (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/setup/pitch", "POST"):                  (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/setup/slots", "POST"):                  (401, 403, 403, 403, 303, 403, 403),
    ("/e/{event}/organizer/setup/tables", "POST"):                 (401, 403, 403, 403, 303, 403, 403),
    # Runs API (JSON): this event's organizers only
    ("/api/events/{event}/runs", "GET"):                           (401, 403, 403, 403, 200, 403, 403),
    ("/api/events/{event}/runs", "POST"):                          (401, 403, 403, 403, 202, 403, 403),
    ("/api/events/{event}/runs/{run}", "GET"):                     (401, 403, 403, 403, 200, 403, 403),
    ("/api/events/{event}/runs/{run}/cancel", "POST"):             (401, 403, 403, 403, 409, 403, 403),
    ("/api/events/{event}/runs/{run}/publish", "POST"):            (401, 403, 403, 403, 200, 403, 403),
    # Live updates: a session of this event; the console's stream for its organizers only
    ("/ws/{event}", WS):                                           (SHUT, SHUT, OPEN, OPEN, OPEN, OPEN, OPEN),
    ("/ws/{event}", WS_ORGANIZER):                                 (SHUT, SHUT, SHUT, SHUT, OPEN, SHUT, SHUT),
}

# The body of each POST: one the allowed viewer's request succeeds with. tests/system/test_fuzz_forms.py
# takes its field names from here, so every POST route needs an entry (an empty Body when it has no fields).
BODIES: dict[str, Body] = {
    "/signin": Body({"event": EVENT, "code": CODE}),
    "/signin/{token}": Body(),
    "/signout": Body(),
    "/mail/stop/{stop}": Body(),
    "/e/{event}/mail": Body({"language": "fr", "mails": "off"}),
    "/e/{event}/organizer/outbox/invitations": Body({"attendees": "p2", "batch": "matrix-batch", "confirm": "yes"}),
    "/e/{event}/requests": Body({"target": "b2", "importance": "must", "message": "Our new series",
                                 "days": "2030-03-19", "back": "/e/lille/people/b2"}),
    "/e/{event}/requests/{wish}/withdraw": Body({"back": "/e/lille/requests"}),
    "/e/{event}/requests/{wish}/reopen": Body({"back": "/e/lille/requests"}),
    "/e/{event}/requests/{wish}/answer": Body({"decision": "accept", "confirm": "yes", "back": "/e/lille/agenda"}),
    "/e/{event}/meetings/{meeting}/checkin": Body({"state": "here", "back": "/e/lille/agenda"}),
    "/e/{event}/offers/{offer}/take": Body({"back": "/e/lille/agenda"}),
    "/e/{event}/offers/{offer}/pass": Body({"back": "/e/lille/agenda"}),
    "/e/{event}/meetings/{meeting}/answer": Body({"decision": "decline", "slot": "s-0319-0900",
                                                  "back": "/e/lille/agenda"}),
    "/e/{event}/requests/{wish}/shortlist": Body({"keep": "yes", "back": "/e/lille/requests"}),
    "/e/{event}/requests/decline": Body({"wish": "w-ask", "confirm": "yes", "back": "/e/lille/requests"}),
    "/e/{event}/meetings/{meeting}/undo": Body({"back": "/e/lille/agenda"}),
    "/e/{event}/organizer/setup/import": Body({"confirm": "yes"}, files={"instance": INSTANCE}),
    "/e/{event}/organizer/setup/slots": Body({"days": "2030-03-19 2030-03-20", "start": "09:00", "end": "11:00",
                                              "minutes": "30", "breaks": ""}),
    "/e/{event}/organizer/setup/tables": Body({"tables": "Hall A: 2"}),
    "/e/{event}/organizer/setup/pitch": Body({"id": "cp", "name": "Co-production pitches", "room": "Room 1",
                                              "day": "2030-03-20", "start": "14:00", "count": "2",
                                              "minutes": "15", "panel": "b1 b2", "projects": "Nord | p3"}),
    "/e/{event}/organizer/setup/event": Body({"timezone": "Europe/Paris", "max_open_requests": "10"}),
    "/e/{event}/organizer/setup/caps": Body({"role": "buyer", "max_meetings": "12", "max_per_day": "6"}),
    "/e/{event}/organizer/attendees/import": Body({"confirm": "yes"},
                                                  files={"attendees": "id,name,role\nn1,Nina New,buyer\n"}),
    "/e/{event}/organizer/attendees/link": Body({"attendee": "p2"}),
    "/e/{event}/organizer/attendees/code": Body({"attendee": "p2"}),
    "/e/{event}/organizer/attendees/sessions/end": Body({"attendee": "p2"}),
    "/e/{event}/organizer/attendees/caps": Body({"attendee": "p2", "max_meetings": "4", "max_per_day": "2"}),
    "/e/{event}/organizer/attendees/links.csv": Body({"codes": "new"}),
    "/e/{event}/organizer/runs": Body({"time_limit": "5", "value": "10", "unserved": "12", "gaps": "3",
                                       "moved": "2"}),
    "/e/{event}/organizer/runs/{run}/cancel": Body({"confirm": "yes"}),
    "/e/{event}/organizer/runs/{run}/publish": Body({"confirm": "yes"}),
    "/e/{event}/organizer/meetings/move": Body({"meeting": "w-meet", "slot": "s-0319-0930", "location": "T002"}),
    "/e/{event}/organizer/meetings/{meeting}/state": Body({"action": "lock"}),
    "/e/{event}/organizer/left-out/place": Body({"wish": "w-other", "slot": "s-0319-1000", "location": "T002"}),
    "/api/events/{event}/runs": Body(json={"time_limit": 5, "weights": {"value": 10, "gaps": 3}}),
    "/api/events/{event}/runs/{run}/cancel": Body(json={}),
    "/api/events/{event}/runs/{run}/publish": Body(json={}),
}

# Path ids other than the usual ones, for routes whose allowed viewer acts on another kind of record.
ROUTE_PARAMS = {"/e/{event}/requests/{wish}/reopen": {"wish": "w-no"}}  # only a declined request is reopened
# The query of a GET that needs one to succeed for the allowed viewer.
QUERIES = {"/e/{event}/organizer/compare": "?left=run-1&right=run-2"}


def route_keys(routes: list[BaseRoute], prefix: str = "") -> set[tuple[str, str]]:
    """(pattern, method) for every method of every route, recursing into mounts; a websocket has two keys,
    its attendee and organizer streams. HEAD is left out: Starlette answers it with the GET handler."""
    found: set[tuple[str, str]] = set()
    for route in routes:
        if isinstance(route, Route):
            found |= {(prefix + route.path, m) for m in route.methods or () if m != "HEAD"}
        elif isinstance(route, WebSocketRoute):
            found |= {(prefix + route.path, WS), (prefix + route.path, WS_ORGANIZER)}
        elif isinstance(route, Mount):
            inner = route.routes
            found |= route_keys(inner, prefix + route.path) if inner else {(prefix + route.path + "/{path}", "GET")}
        else:
            raise AssertionError(f"a kind of route the matrix does not know: {route!r}")
    return found


ROUTES = sorted(route_keys(create_app(SETTINGS).routes))


@dataclass
class Market:
    """The event built for one cell, the ids to fill paths with, and p2's access code and the event file."""

    client: TestClient
    store: EventStore
    params: dict[str, str]
    code: str
    instance: str


def _slot(day: int, minutes: int) -> Slot:
    start = DAY1 + timedelta(days=day, minutes=minutes)
    return Slot(f"s-{start:%m%d-%H%M}", Window(start, start + timedelta(minutes=30)))  # the setup form's ids


def instance(event: str) -> Instance:
    """Two days of four slots, two tables (ids as the setup forms make them, so saving the same plan again
    is accepted), two producer companies, a buyer, a distributor, two organizers. b1 was asked by everyone:
    p3 (w-other, pending), p1 (w-ask, pending), p2 with p1 (w-meet), p4 with p1 (w-no, declined)."""
    people = (
        Attendee("p1", "Paula Producer", "Lille Films", "producer", country="FR"),
        Attendee("p2", "Pierre Colleague", "Lille Films", "producer", country="FR"),
        Attendee("p3", "Olaf Other", "Other Prod", "producer", country="NO"),
        Attendee("p4", "Pia Partner", "Lille Films", "producer", country="FR"),
        Attendee("b1", "Bea Buyer", "Nordic TV", "buyer", country="DK"),
        Attendee("b2", "Ben Distributor", "Global Dist", "distributor", country="US"),
        Attendee("o1", "Olga Organizer", "Series Mania", "organizer"),
        Attendee("o2", "Oskar Organizer", "Series Mania", "organizer"),
    )
    return Instance(
        event=Event(event, "Lille Forum 2030"),
        slots=tuple(_slot(day, minutes) for day in (0, 1) for minutes in (540, 570, 600, 630)),
        locations=(Location("T001", name="Table 1", area="Hall A"), Location("T002", name="Table 2", area="Hall A")),
        attendees=people,
        wishes=(Wish("w-other", "p3", "b1", 3), Wish("w-ask", "p1", "b1", 3, message="Nordic co-production"),
                Wish("w-meet", "p2", "b1", 2, ("p1",)),
                Wish("w-no", "p4", "b1", 1, ("p1",), status=WishStatus.DECLINED)),
    )


def build(store: EventStore) -> tuple[dict[str, str], str, str]:
    """This event with a proposed meeting (w-meet, published) and two finished runs with drafts; another event
    with the same attendee ids. Returns the ids to fill paths with, p2's access code and the event's file."""
    store.import_instance(instance(EVENT))
    store.import_instance(instance(ELSEWHERE))
    store.entities(EVENT, Meeting).put(Meeting("w-meet", "w-meet", "s-0319-0900", "T001", MeetingStatus.PROPOSED))
    for run in ("run-1", "run-2"):
        RunStore(store.client).records(EVENT).put(SolverRun(run, EVENT, RunStatus.FINISHED))
        ScheduleStore(store.client).save_draft(EVENT, run, Schedule((Placement("w-meet", "s-0319-0900", "T001"),)))
    WorkerBeat(store.client, SETTINGS.queue_name).beat()  # /healthz wants a live worker; none runs here
    code = invitations.new_code(store.client, SECRET, EVENT, "o1", "p2").code
    offer = Offer("0123456789abcdef0123", EVENT, "w-meet", "b1", "s-0319-0930", "T002", (("p1", "w-ask"),),
                  "2030-03-19T09:00:00", "2030-03-19T09:30:00")  # b1 free at 9:30, offered to p1 (w-ask)
    OfferStore(store.client, EVENT).add(offer)
    params = {"event": EVENT, "wish": "w-ask", "meeting": "w-meet", "run": "run-1", "attendee": "b1", "offer": offer.id,
              "key": feed_key(store.client, EVENT, "p1"), "token": make_link_token(store.client, SECRET, EVENT, "p2"),
              "path": "forum.css", "stop": stop_token(SECRET, EVENT, "p2"),
              "mail": mailing.queue_mail(store.client, EVENT, "request", "b1", "w-ask") or ""}
    return params, code, json.dumps(dump_instance(store.export_instance(EVENT)))


@pytest.fixture(scope="module")
def app_client(valkey_server: EmbeddedValkey) -> Iterator[TestClient]:
    """One app for the module; each test flushes the store (redis_url) and builds its event again."""
    with TestClient(create_app(replace(SETTINGS, redis_url=valkey_server.url)), base_url=ORIGIN) as client:
        yield client


def fresh(client: TestClient, store: EventStore) -> Market:
    """An empty store and a cookie-less client, then the event built again: every cell starts alike."""
    store.client.flushall()
    client.cookies.clear()
    params, code, instance_file = build(store)
    return Market(client, store, params, code, instance_file)


def sign_in(m: Market, viewer: str) -> str:
    """Give the client `viewer`'s session; returns its CSRF token ('' for anonymous)."""
    m.client.cookies.clear()
    if viewer not in SIGNED_IN:
        return ""
    event, attendee = SIGNED_IN[viewer]
    cookie = create_session(m.store.client, event, attendee)
    if viewer == "demoted":  # the session was opened while o2 was an organizer; then the record changed
        people = m.store.entities(EVENT, Attendee)
        people.put(replace(people.get("o2"), role="buyer"))
    m.client.cookies.set(SESSION_COOKIE, cookie)
    record = session_of(m.store.client, cookie)
    assert record is not None
    return record.csrf


def fill(pattern: str, params: dict[str, str]) -> str:
    return re.sub(r"{(\w+)(?::\w+)?}", lambda found: params[found[1]], pattern)


def form_token(m: Market, path: str, session_csrf: str) -> str:
    """The CSRF token the page with this form shows the viewer: the sign-in forms carry a double-submit token
    (read from the form itself), every other form the session's; anonymous visitors have the cookie's."""
    if path.startswith(("/signin", "/mail/stop")):
        page = m.client.get(path)
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert found, f"no CSRF field on {path}: {page.status_code}"
        return found[1]
    if session_csrf:
        return session_csrf
    m.client.cookies.set(ANON_CSRF_COOKIE, "anonymous-token")
    return "anonymous-token"


def post(m: Market, pattern: str, path: str, csrf: str) -> httpx.Response:
    body = BODIES[pattern]
    if body.json is not None:
        return m.client.post(path, json=body.json, headers={"x-csrf-token": csrf}, follow_redirects=False)
    token = form_token(m, path, csrf)
    fields = {k: (m.code if v == CODE else v) for k, v in body.fields.items()}
    files = {k: (f"{k}.dat", (m.instance if v == INSTANCE else v).encode(), "application/octet-stream")
             for k, v in body.files.items()}
    return m.client.post(path, data={"csrf": token, **fields}, files=files or None,  # type: ignore[arg-type]
                         follow_redirects=False)


def socket_answer(m: Market, path: str, method: str) -> str:
    query = "?view=organizer" if method == WS_ORGANIZER else ""
    try:
        with m.client.websocket_connect(path + query, headers={"origin": ORIGIN}) as ws:
            hello = ws.receive_json()
            assert hello["type"] == "hello", hello
            return OPEN
    except WebSocketDisconnect:
        return SHUT


def answer(m: Market, viewer: str, pattern: str, method: str) -> int | str:
    csrf = sign_in(m, viewer)
    path = fill(pattern, {**m.params, **ROUTE_PARAMS.get(pattern, {})})
    if method in (WS, WS_ORGANIZER):
        return socket_answer(m, path, method)
    if method == "POST":
        return post(m, pattern, path, csrf).status_code
    return m.client.request(method, path + QUERIES.get(pattern, ""), follow_redirects=False).status_code


def test_matrix_covers_every_route_of_the_app() -> None:
    assert set(EXPECTED) == set(ROUTES), (
        f"missing from EXPECTED: {sorted(set(ROUTES) - set(EXPECTED))}; "
        f"no such route: {sorted(set(EXPECTED) - set(ROUTES))}")
    assert all(len(row) == len(VIEWERS) for row in EXPECTED.values())


def test_matrix_has_a_body_for_every_post_route() -> None:
    posts = {pattern for pattern, method in ROUTES if method == "POST"}
    assert set(BODIES) == posts, f"missing: {sorted(posts - set(BODIES))}; extra: {sorted(set(BODIES) - posts)}"


@pytest.mark.parametrize(("pattern", "method"), ROUTES)
def test_route_answers_every_viewer_as_the_table_says(app_client: TestClient, redis_url: str, store: EventStore,
                                                      pattern: str, method: str) -> None:
    expected = EXPECTED.get((pattern, method))
    if expected is None:
        pytest.fail(f"{method} {pattern} is not in EXPECTED")
    got = tuple(answer(fresh(app_client, store), viewer, pattern, method) for viewer in VIEWERS)
    wrong = [f"{viewer}: got {g}, expected {e}" for viewer, g, e in zip(VIEWERS, got, expected, strict=True) if g != e]
    assert not wrong, f"{method} {pattern}: " + "; ".join(wrong)
