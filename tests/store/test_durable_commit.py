"""Acknowledged writes wait for the disk (WAITAOF): confirmed, refused when unconfirmed, and with a replica."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis

from forum.domain import Meeting, MeetingStatus
from forum.errors import Unavailable
from forum.launcher.children import spawn, stop
from forum.launcher.valkey import free_port, valkey_binary
from forum.store import EventStore, connect, keys
from forum.store.agenda import AgendaStore
from forum.store.codec import codec_of
from forum.store.connection import Durability, durable
from tests.factories import tiny_instance


def accept(meeting: Meeting) -> Meeting:
    return replace(meeting, status=MeetingStatus.ACCEPTED)


def server(data_dir: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    """A bare valkey-server with these options (the embedded launcher always turns the AOF on)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = spawn([valkey_binary(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data_dir),
                     "--save", "", *args])
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            redis.Redis.from_url(url).ping()
            return process, url
        except redis.ConnectionError:
            time.sleep(0.05)
    stop(process)
    raise RuntimeError("valkey-server did not answer")


@pytest.fixture
def primary_and_replica(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A primary and its replica, each with an AOF, in sync before the test starts."""
    primary, primary_url = server(tmp_path / "primary", "--appendonly", "yes", "--repl-diskless-sync-delay", "0")
    replica, url = server(tmp_path / "replica", "--appendonly", "yes", "--appendfsync", "always",
                          "--replicaof", "127.0.0.1", primary_url.rsplit(":", 1)[1].split("/")[0])
    try:
        deadline = time.monotonic() + 15
        while redis.Redis.from_url(url, decode_responses=True).info("replication")["master_link_status"] != "up":
            assert time.monotonic() < deadline, "the replica never caught up"
            time.sleep(0.05)
        yield primary_url, url
    finally:
        stop(replica)
        stop(primary)


def test_change_durable_confirmed_leaves_no_ack_token(redis_url: str) -> None:
    client = connect(redis_url)
    EventStore(client).import_instance(tiny_instance())
    _, after = AgendaStore(client, "tiny").change("w1", accept)
    assert after.status is MeetingStatus.ACCEPTED
    assert list(client.scan_iter("forum:ack:*")) == []


def test_change_unconfirmed_by_missing_replica_unavailable(redis_url: str) -> None:
    client = connect(redis_url, Durability(replicas=1, timeout_ms=50))
    EventStore(client).import_instance(tiny_instance())
    with pytest.raises(Unavailable, match="could not be confirmed as saved to disk within 50 ms"):
        AgendaStore(client, "tiny").change("w1", accept)


def test_durable_token_gone_after_restart_unavailable(redis_url: str) -> None:
    # A token that is not there: its transaction was lost when the store restarted before the fsync.
    with pytest.raises(Unavailable, match="restarted before your change was saved"):
        durable(connect(redis_url), "lost-by-a-restart")


def test_change_without_append_only_file_unavailable(tmp_path: Path) -> None:
    process, url = server(tmp_path, "--appendonly", "no")
    try:
        client = connect(url)
        EventStore(client).import_instance(tiny_instance())
        with pytest.raises(Unavailable, match="cannot confirm that changes are saved to disk"):
            AgendaStore(client, "tiny").change("w1", accept)
        client.close()
    finally:
        stop(process)


def test_change_with_replica_confirmed_by_its_aof(primary_and_replica: tuple[str, str]) -> None:
    primary, replica = primary_and_replica
    client = connect(primary, Durability(replicas=1, timeout_ms=4000))
    EventStore(client).import_instance(tiny_instance())
    AgendaStore(client, "tiny").change("w1", accept)
    # WAITAOF 1 1 returned: the replica has it too, without waiting for it here.
    raw = redis.Redis.from_url(replica, decode_responses=True).get(keys.record("tiny", "meeting", "w1"))
    assert codec_of(Meeting).decode(raw).status is MeetingStatus.ACCEPTED
