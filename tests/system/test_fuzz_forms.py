"""Fuzzing every POST of a live web process: hypothesis makes the bodies (urlencoded and multipart forms, files,
JSON, raw bytes), sent by the viewer the route is for, with a valid CSRF token, so the input reaches the
handlers. No answer may be a server error, and a refused request (status ≥ 400) must leave every key of the
store byte-identical (DUMP before and after), apart from the few listed in IGNORED.

The POST routes come from the app's route table and their field names from the authorization matrix's BODIES
(tests/web/test_authorization_matrix.py), so a new POST route is fuzzed as soon as it has its row there; one
without fails test_fuzz_covers_every_post_route. Each example starts from the same freshly built event.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import redis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from forum.domain.instance_json import dump_instance
from forum.launcher.valkey import EmbeddedValkey
from forum.services.signin.access import create_session
from forum.services.signin.sessions import session_of
from forum.store import EventStore, connect
from forum.store.requests import RequestStore
from forum.web.auth import ANON_CSRF_COOKIE, SESSION_COOKIE
from tests.live import WebProcess, start_web
from tests.web.test_authorization_matrix import (
    BODIES,
    CODE,
    EVENT,
    EXPECTED,
    INSTANCE,
    ROUTE_PARAMS,
    ROUTES,
    SIGNED_IN,
    VIEWERS,
    build,
    fill,
    instance,
)

EXAMPLES = 25  # per route: about 30 routes x 25 examples stay within a minute or so on 2 cores
POSTS = sorted(pattern for pattern, method in ROUTES if method == "POST")
# Keys a refused request may change, and why:
IGNORED = (
    re.compile(rb"forum:[^:]+:signin_failures:"),  # a wrong access code is counted: that is the sign-in limit
    re.compile(rb"forum:workers"),  # worker heartbeats: the test's own beat expires on the clock, not on a request
)
SEND_ORDER = ("anonymous", "producer", "buyer", "organizer")  # the first one the route is for sends the fuzz


def sender(pattern: str) -> str:
    """The viewer whose request the route serves (not refused as 401, 403 or 404 in the matrix)."""
    row = EXPECTED[(pattern, "POST")]
    return next(v for v in SEND_ORDER if row[VIEWERS.index(v)] not in (401, 403, 404))


# --- what hypothesis makes --------------------------------------------------------------------------------

@dataclass(frozen=True)
class File:
    filename: str
    content: bytes


@dataclass(frozen=True)
class Sent:
    """One request body: `items` (name, value) in a form, or `payload` as it is with `content_type`."""

    kind: str  # "urlencoded", "multipart", "json", "raw"
    items: tuple[tuple[str, str | File], ...] = ()
    payload: bytes = b""
    content_type: str = ""


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)  # no lone surrogates: not encodable
TRICKY = st.sampled_from([
    "", " ", "0", "-1", "3.5", "1e309", "NaN", "inf", "99999999999999999999999", "true", "null", "[]", "{}",
    "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "/e/other/agenda", "//evil.example/x",
    "https://evil.example", "\\\\evil", "\x00", "\r\nSet-Cookie: x=1", "🎬" * 30, "é" * 2001, "x" * 70_000,
    "w-ask", "w-meet", "w-no", "w-other", "run-1", "run-2", "o1", "o2", "p1", "b1", "b2", "lille", "elsewhere",
    "T001", "s-0319-0900", "2030-02-30", "2030-03-19", "25:99", "09:00", "Europe/Paris", "Mars/Olympus_Mons",
    "Hall A: 100000", "Hall A: -3", ":", "x | nobody", "accept", "decline", "lock", "unlock", "cancel", "must",
])


def _mutate(example: str) -> st.SearchStrategy[str]:
    """Near misses of a valid value: cut, doubled, with junk around or inside."""
    return st.one_of(
        st.integers(0, max(0, len(example) - 1)).map(lambda n: example[:n]),
        st.just(example * 2), st.just(f" {example} "), TEXT.map(lambda junk: example + junk),
        st.tuples(st.integers(0, len(example)), TEXT).map(lambda t: example[:t[0]] + t[1] + example[t[0]:]))


def _text_value(example: str) -> st.SearchStrategy[str]:
    return st.one_of(st.just(example), TEXT, TRICKY, _mutate(example))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document (object keys and list positions)."""
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for n, value in enumerate(doc[:3]):
            found += _paths(value, (*prefix, n))
    return found


def _replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of `doc` with the value at `path` replaced (or the key dropped, for the DROP marker)."""
    if not path:
        return None if value is DROP else value
    copy = json.loads(json.dumps(doc))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if value is DROP and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = None if value is DROP else value
    return copy


DROP = object()


def _json_document(example: Any) -> st.SearchStrategy[bytes]:
    """A valid document with one place changed, any JSON, very deep nesting, or not JSON at all."""
    changed = st.tuples(st.sampled_from(_paths(example)), JSON_VALUES | st.just(DROP)).map(
        lambda change: json.dumps(_replaced(example, *change)).encode())
    deep = st.integers(1, 40_000).map(lambda n: ("[" * n + "]" * n).encode())
    return st.one_of(st.just(json.dumps(example).encode()), changed, JSON_VALUES.map(lambda v: json.dumps(v).encode()),
                     deep, st.binary(max_size=300))


CSV_COLUMNS = ("id", "name", "organization", "title", "country", "role", "email", "looking_for", "available",
               "max_meetings", "max_per_day")


def _csv_file(example: str) -> st.SearchStrategy[bytes]:
    cell = st.one_of(TEXT, TRICKY.filter(lambda t: len(t) < 3000), st.just("2030-03-19T09:00/2030-03-19T12:00"))
    header = st.lists(st.sampled_from(CSV_COLUMNS) | TEXT, min_size=1, max_size=6, unique=True)
    table = st.tuples(header, st.lists(st.lists(cell, max_size=7), max_size=5)).map(
        lambda t: "\n".join(",".join(json.dumps(c) if "," in c or '"' in c else c for c in row)
                            for row in [t[0], *t[1]]).encode())
    return st.one_of(st.just(example.encode()), table, st.binary(max_size=500))


def _file(name: str, example: str) -> st.SearchStrategy[File]:
    content = _json_document(EXAMPLE_INSTANCE) if example == INSTANCE else _csv_file(example)
    return st.builds(File, st.sampled_from(["upload.json", "a.csv", "", "../../x", "é.txt"]), content)


EXAMPLE_INSTANCE = dump_instance(instance(EVENT))


Item = tuple[str, "str | File"]


def _valid_file(example: str) -> File:
    if example == INSTANCE:
        return File("event.json", json.dumps(EXAMPLE_INSTANCE).encode())
    return File("attendees.csv", example.encode())


@st.composite
def _items(draw: st.DrawFn, pattern: str, multipart: bool) -> tuple[Item, ...]:
    """Mostly the valid form with one or two fields changed (so it passes the first checks and reaches the
    deeper ones), else every field fuzzed: each absent, once or repeated, with valid, near, tricky or random
    values; and now and then unknown fields."""
    body = BODIES[pattern]
    valid: dict[str, list[Item]] = {name: [(name, value)] for name, value in body.fields.items()}
    fuzzed: dict[str, st.SearchStrategy[list[Any]]] = {
        name: st.lists(_text_value(example), max_size=3) for name, example in body.fields.items()}
    for name, example in body.files.items():
        valid[name] = [(name, _valid_file(example) if multipart else example)]
        fuzzed[name] = st.lists((_file(name, example) | TEXT) if multipart else TEXT, max_size=2)
    wild = draw(st.integers(0, 3)) == 0
    changed = set(valid) if wild or not valid else draw(st.sets(st.sampled_from(sorted(valid)), max_size=2))
    items: list[Item] = []
    for name in valid:
        items += [(name, v) for v in draw(fuzzed[name])] if name in changed else valid[name]
    if draw(st.integers(0, 3)) == 0:
        items += draw(st.lists(st.tuples(TEXT.filter(lambda t: t != "csrf"), TEXT), min_size=1, max_size=3))
    return tuple(items)


def bodies(pattern: str) -> st.SearchStrategy[Sent]:
    body = BODIES[pattern]
    if body.json is not None:
        return st.one_of(_json_document(body.json).map(lambda raw: Sent("json", payload=raw)),
                         st.binary(max_size=500).map(lambda raw: Sent("raw", payload=raw,
                                                                        content_type="application/json")))
    return st.one_of(
        _items(pattern, False).map(lambda items: Sent("urlencoded", items)),
        _items(pattern, True).map(lambda items: Sent("multipart", items)),
        st.tuples(st.binary(max_size=2000), st.sampled_from(["application/x-www-form-urlencoded",
                                                             "multipart/form-data; boundary=fuzz",
                                                             "multipart/form-data", "text/plain"])).map(
            lambda t: Sent("raw", payload=t[0], content_type=t[1])))


# --- sending and comparing ----------------------------------------------------------------------------------

def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def multipart(items: list[tuple[str, str | File]]) -> tuple[bytes, str]:
    """The multipart body of `items`, built by hand so that text-only forms can be multipart too."""
    boundary = "fuzz" + secrets.token_hex(8)
    out = b""
    for name, value in items:
        disposition = f'Content-Disposition: form-data; name="{_quoted(name)}"'
        if isinstance(value, File):
            head = f'{disposition}; filename="{_quoted(value.filename)}"\r\nContent-Type: application/octet-stream'
            data = value.content
        else:
            head, data = disposition, value.encode()
        out += f"--{boundary}\r\n{head}\r\n\r\n".encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def encoded(sent: Sent, csrf: str, code: str) -> tuple[bytes, dict[str, str]]:
    """The body and headers of `sent`, the viewer's CSRF token first (raw bodies get it as a header)."""
    if sent.kind == "json":
        return sent.payload, {"content-type": "application/json", "x-csrf-token": csrf}
    if sent.kind == "raw":
        return sent.payload, {"content-type": sent.content_type, "x-csrf-token": csrf}
    items = [("csrf", csrf), *((n, code if v == CODE else v) for n, v in sent.items)]
    if sent.kind == "multipart":
        payload, content_type = multipart(items)
        return payload, {"content-type": content_type}
    flat = [(n, v.content.decode("utf-8", "replace") if isinstance(v, File) else v) for n, v in items]
    return urlencode(flat).encode(), {"content-type": "application/x-www-form-urlencoded"}


def snapshot(raw: redis.Redis) -> dict[bytes, bytes | None]:
    """DUMP of every key of the store (the event's, the global ones, the job queue, the live bus)."""
    names = sorted(k for k in raw.scan_iter(count=1000) if not any(p.match(k) for p in IGNORED))
    with raw.pipeline(transaction=False) as pipe:
        for name in names:
            pipe.dump(name)
        return dict(zip(names, pipe.execute(), strict=True))


def changes(before: dict[bytes, bytes | None], after: dict[bytes, bytes | None]) -> list[str]:
    return sorted(k.decode() for k in before.keys() | after.keys() if before.get(k) != after.get(k))


@dataclass
class Target:
    web: WebProcess
    store: EventStore
    raw: redis.Redis
    http: httpx.Client


@pytest.fixture(scope="module")
def target(valkey_server: EmbeddedValkey, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """One uvicorn on the test Valkey for the module; each example flushes the store and builds the event."""
    web = start_web(valkey_server.url, Path(tmp_path_factory.mktemp("fuzz")))
    raw = redis.Redis.from_url(valkey_server.url)
    try:
        with httpx.Client(base_url=web.url, timeout=30) as http:
            yield Target(web, EventStore(connect(valkey_server.url)), raw, http)
    finally:
        web.stop()
        raw.flushall()
        raw.close()


def send(target: Target, pattern: str, sent: Sent) -> None:
    target.raw.flushall()
    params, code, _ = build(target.store)
    RequestStore(target.store.client, EVENT).sent("p1")  # the by-person index is built on first read: a cache
    viewer = sender(pattern)
    cookies = {ANON_CSRF_COOKIE: "anonymous-token"}
    csrf = "anonymous-token"
    if viewer in SIGNED_IN:
        event, attendee = SIGNED_IN[viewer]
        cookie = create_session(target.store.client, event, attendee)
        record = session_of(target.store.client, cookie)
        assert record is not None
        csrf = record.csrf
        cookies = {SESSION_COOKIE: cookie, ANON_CSRF_COOKIE: csrf}  # the session's token, and the sign-in forms'
    payload, headers = encoded(sent, csrf, code)
    path = fill(pattern, {**params, **ROUTE_PARAMS.get(pattern, {})})
    before = snapshot(target.raw)
    target.http.cookies.clear()
    for name, value in cookies.items():
        target.http.cookies.set(name, value)
    response = target.http.post(path, content=payload, headers=headers)
    shown = f"POST {path} as {viewer}: {sent!r:.600}"
    assert response.status_code < 500, f"{shown} → {response.status_code}\n{target.web.log.read_text()[-3000:]}"
    if response.status_code >= 400:
        assert not changes(before, snapshot(target.raw)), f"{shown} → {response.status_code} changed keys"


def test_fuzz_covers_every_post_route() -> None:
    assert POSTS and set(POSTS) <= set(BODIES), f"no fields for {sorted(set(POSTS) - set(BODIES))}"
    assert {pattern: sender(pattern) for pattern in POSTS}


@pytest.mark.parametrize("pattern", POSTS)
@settings(max_examples=EXAMPLES, deadline=None, database=None, print_blob=True,
          phases=(Phase.explicit, Phase.generate),  # no shrinking: it can take minutes; examples are small
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_post_fuzzed_never_fails_and_refusals_change_nothing(target: Target, pattern: str, data: st.DataObject) -> None:
    send(target, pattern, data.draw(bodies(pattern), label="body"))
