"""The embedded Valkey: starts, keeps data across kill -9 (AOF), refuses a second server per directory."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
import redis

from forum.errors import Conflict
from forum.launcher.valkey import EmbeddedValkey


def test_embedded_valkey_starts_with_aof(tmp_path: Path) -> None:
    server = EmbeddedValkey(tmp_path).start()
    try:
        client = redis.Redis.from_url(server.url, decode_responses=True)
        assert client.ping()
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        assert client.config_get("appendfsync") == {"appendfsync": "everysec"}
    finally:
        server.stop()
    assert not (tmp_path / "valkey.json").exists()


def test_embedded_valkey_data_survives_kill_9(tmp_path: Path) -> None:
    server = EmbeddedValkey(tmp_path).start()
    redis.Redis.from_url(server.url).set("forum:test:attendee:a1", '{"id": "a1"}')
    assert server.process is not None
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait(5)
    again = EmbeddedValkey(tmp_path).start()
    try:
        assert redis.Redis.from_url(again.url).get("forum:test:attendee:a1") == b'{"id": "a1"}'
    finally:
        again.stop()


def test_embedded_valkey_second_start_on_same_directory_refused(tmp_path: Path) -> None:
    first = EmbeddedValkey(tmp_path).start()
    try:
        with pytest.raises(Conflict, match="already running on data directory"):
            EmbeddedValkey(tmp_path).start()
        assert redis.Redis.from_url(first.url).ping()
    finally:
        first.stop()


def test_embedded_valkey_stale_pidfile_ignored(tmp_path: Path) -> None:
    (tmp_path / "valkey.json").write_text('{"pid": 999999, "port": 1}')
    server = EmbeddedValkey(tmp_path).start()
    server.stop()


def test_embedded_valkey_has_a_memory_ceiling_and_never_evicts(tmp_path: Path) -> None:
    server = EmbeddedValkey(tmp_path).start()
    try:
        client = redis.Redis.from_url(server.url, decode_responses=True)
        assert client.config_get("maxmemory") == {"maxmemory": str(512 * 1024 * 1024)}  # FORUM_VALKEY_MAXMEMORY
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
    finally:
        server.stop()
