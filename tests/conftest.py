"""Shared fixtures: one real Valkey per test session (the app's own launcher), flushed between tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from forum.launcher.valkey import EmbeddedValkey
from forum.store import EventStore, connect
from tests.services.mail.smtp_server import LocalSmtp


@pytest.fixture(scope="session")
def valkey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedValkey]:
    server = EmbeddedValkey(Path(tmp_path_factory.mktemp("valkey"))).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(valkey_server: EmbeddedValkey) -> Iterator[str]:
    client = redis.Redis.from_url(valkey_server.url)
    client.flushall()
    yield valkey_server.url
    client.flushall()
    client.close()


@pytest.fixture
def store(redis_url: str) -> EventStore:
    return EventStore(connect(redis_url))


@pytest.fixture
def smtp() -> Iterator[LocalSmtp]:
    """A real SMTP server in the test process (aiosmtpd) on a free loopback port; its inbox is `.inbox`."""
    server = LocalSmtp().start()
    yield server
    server.stop()
