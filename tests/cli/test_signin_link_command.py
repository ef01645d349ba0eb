"""`forum signin-link`: a link on the configured origin; `--new-code` issues a code (shown once) and audits it."""

from __future__ import annotations

import os
import subprocess
import sys

from forum.store import EventStore
from forum.store.access_codes import AccessCodes
from forum.store.audit import AuditLog
from tests.factories import tiny_instance

SECRET = "k" * 43


def _forum(redis_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(FORUM_REDIS_URL=redis_url, FORUM_SECRET_KEY=SECRET, FORUM_PUBLIC_ORIGIN="https://forum.example.org")
    return subprocess.run([sys.executable, "-m", "forum", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_signin_link_command_prints_link_only(redis_url: str, store: EventStore) -> None:
    store.import_instance(tiny_instance())
    done = _forum(redis_url, "signin-link", "tiny", "a1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("https://forum.example.org/signin/") and "access code" not in done.stdout


def test_signin_link_command_new_code_works_and_is_audited(redis_url: str, store: EventStore) -> None:
    store.import_instance(tiny_instance())
    old = AccessCodes(store.client, SECRET).issue("tiny", ["a1"])["a1"]
    done = _forum(redis_url, "signin-link", "tiny", "a1", "--new-code")
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip().splitlines()[-1].rpartition(" ")[2]
    assert AccessCodes(store.client, SECRET).attendee_of("tiny", code) == "a1"
    assert AccessCodes(store.client, SECRET).attendee_of("tiny", old) is None
    assert AuditLog(store.client).latest("tiny", 5)[0]["who"] == "command line"


def test_signin_link_command_unknown_attendee_refused(redis_url: str, store: EventStore) -> None:
    store.import_instance(tiny_instance())
    done = _forum(redis_url, "signin-link", "tiny", "ghost", "--new-code")
    assert done.returncode == 2 and "ghost" in done.stderr
