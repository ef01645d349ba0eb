"""`forum demo`: loads the demo events on the day asked and prints a sign-in link for each side of each."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

from forum.domain import Slot
from forum.services.signin.access import confirm_link
from forum.services.signin.sessions import session_of
from forum.store import EventStore
from tests.cli.test_data_commands import _forum
from tests.live import SECRET


def test_demo_command_prints_links_that_sign_in_and_loads_on_the_date(redis_url: str, store: EventStore) -> None:
    done = _forum(redis_url, "demo", "--date", "2027-01-05", "--base-url", "http://forum.test")
    assert done.returncode == 0, done.stderr
    links = re.findall(r"^sign in to (\S+) as the (\w+) .*: (http://forum\.test/signin/\S+)$", done.stdout, re.M)
    assert sorted((e, r) for e, r, _ in links) == sorted(
        (e, r) for e in ("inspiration-tour-2026", "series-mania-2026") for r in ("buyer", "organizer", "producer"))
    assert min(s.start for s in store.entities("inspiration-tour-2026", Slot).all()).date() == date(2027, 1, 5)


def test_demo_command_refuses_a_date_that_is_not_one(redis_url: str, store: EventStore) -> None:
    done = _forum(redis_url, "demo", "--date", "next tuesday")
    assert done.returncode == 2 and "expected a date like 2026-03-24, got 'next tuesday'" in done.stderr
    assert store.ids() == []


def test_demo_links_from_the_command_sign_in_with_the_servers_secret(redis_url: str, store: EventStore) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(FORUM_REDIS_URL=redis_url, FORUM_SECRET_KEY=SECRET)
    done = subprocess.run([sys.executable, "-m", "forum", "demo", "--base-url", "http://forum.test"], env=env,
                          capture_output=True, text=True, timeout=120)
    tokens = re.findall(r"as the (\w+) .*: http://forum\.test/signin/(\S+)$", done.stdout, re.M)
    assert len(tokens) == 6
    for role, token in tokens:
        session = session_of(store.client, confirm_link(store.client, SECRET, token))
        assert session is not None and session.role == role
