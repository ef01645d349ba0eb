"""Access codes are kept as keyed hashes only; a new code retires the old one; clear codes of old stores go."""

from __future__ import annotations

from forum.store import EventStore
from forum.store.access_codes import CODE_ALPHABET, CODE_LENGTH, AccessCodes
from forum.store.audit import AuditLog
from forum.store.connection import CLEAR_CODES_PURGED, purge_clear_codes
from tests.factories import tiny_instance

SECRET = "test-secret"


def _everything(store: EventStore) -> str:
    """Every key name and every string value in the store, as one text to search."""
    parts = []
    for name in store.client.scan_iter(count=1000):
        parts.append(str(name))
        if store.client.type(name) == "string":
            parts.append(str(store.client.get(name)))
    return "\n".join(parts)


def test_access_codes_stored_hashed_only(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    codes = AccessCodes(store.client, SECRET).issue("tiny", ["a1", "a2", "a3"])
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes.values())
    dump = _everything(store)
    assert not any(code in dump or code.lower() in dump for code in codes.values())
    assert AccessCodes(store.client, SECRET).attendee_of("tiny", codes["a2"]) == "a2"


def test_access_code_needs_the_secret_key(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    code = AccessCodes(store.client, SECRET).issue("tiny", ["a1"])["a1"]
    assert AccessCodes(store.client, "another-key").attendee_of("tiny", code) is None


def test_access_code_reissued_old_one_stops(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    codes = AccessCodes(store.client, SECRET)
    old = codes.issue("tiny", ["a1"])["a1"]
    new = codes.issue("tiny", ["a1"], {"who": "o1", "action": "new access code"})["a1"]
    assert new != old
    assert codes.attendee_of("tiny", old) is None and codes.attendee_of("tiny", new) == "a1"
    assert AuditLog(store.client).latest("tiny", 1)[0]["action"] == "new access code"
    assert len(list(store.client.scan_iter(match="forum:tiny:code_hash:*"))) == 1


def test_access_codes_of_another_event_do_not_sign_in_here(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    store.import_instance(tiny_instance("other"))
    code = AccessCodes(store.client, SECRET).issue("other", ["a1"])["a1"]
    assert AccessCodes(store.client, SECRET).attendee_of("tiny", code) is None


def test_purge_clear_codes_deletes_old_clear_text_once(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    store.client.set("forum:tiny:access_code:ABCD2345", "a1")
    store.client.set("forum:tiny:attendee_code:a1", "ABCD2345")
    store.client.set("forum:tiny:attendee:access_code:x", "kept")  # an id that merely contains the word
    store.client.delete(CLEAR_CODES_PURGED)
    assert purge_clear_codes(store.client) == 2
    assert "ABCD2345" not in _everything(store)
    assert store.client.get("forum:tiny:attendee:access_code:x") == "kept"
    store.client.set("forum:tiny:access_code:LATE2345", "a1")
    assert purge_clear_codes(store.client) == 0  # once per store: later connections pay one SET NX
