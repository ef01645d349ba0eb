"""Whole-store backups as README *Backups* says: BGSAVE's dump.rdb or a copy of the AOF directory, restarted."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import redis

from forum.launcher.valkey import EmbeddedValkey, free_port, valkey_binary

KEY, INDEX = "forum:t:attendee:a1", "forum:t:index:attendee"


def _filled(data_dir: Path) -> tuple[EmbeddedValkey, redis.Redis]:
    server = EmbeddedValkey(data_dir).start()
    client = redis.Redis.from_url(server.url, decode_responses=True)
    client.set(KEY, '{"id": "a1"}')
    client.sadd(INDEX, "a1")
    return server, client


def _until(client: redis.Redis, flag: str) -> None:
    deadline = time.monotonic() + 30
    while client.info("persistence")[flag] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not client.info("persistence")[flag]


def _read_back(data_dir: Path) -> tuple[str | None, set[str]]:
    server = EmbeddedValkey(data_dir).start()  # as `forum serve` starts it: AOF on
    try:
        client = redis.Redis.from_url(server.url, decode_responses=True)
        return client.get(KEY), client.smembers(INDEX)
    finally:
        server.stop()


def test_valkey_rdb_copy_restarts_with_the_data(tmp_path: Path) -> None:
    server, client = _filled(tmp_path / "live")
    try:
        assert client.bgsave()
        _until(client, "rdb_bgsave_in_progress")
        assert client.info("persistence")["rdb_last_bgsave_status"] == "ok"
        (tmp_path / "restored").mkdir()
        shutil.copy(tmp_path / "live" / "dump.rdb", tmp_path / "restored" / "dump.rdb")
    finally:
        server.stop()
    # With AOF on, Valkey ignores dump.rdb (and starts an empty AOF over it): load it once with AOF off, then
    # turn AOF on, which writes the AOF from what was loaded.
    port = free_port()
    loader = subprocess.Popen([valkey_binary(), "--port", str(port), "--bind", "127.0.0.1", "--dir",
                               str(tmp_path / "restored"), "--appendonly", "no", "--save", ""],
                              stdout=subprocess.DEVNULL)
    try:
        client = redis.Redis(port=port, decode_responses=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        assert client.get(KEY) == '{"id": "a1"}'
        client.config_set("appendonly", "yes")
        _until(client, "aof_rewrite_in_progress")
        _until(client, "aof_rewrite_scheduled")
    finally:
        loader.terminate()
        loader.wait(timeout=15)
    assert _read_back(tmp_path / "restored") == ('{"id": "a1"}', {"a1"})


def test_valkey_aof_directory_copy_restarts_with_the_data(tmp_path: Path) -> None:
    server, client = _filled(tmp_path / "live")
    try:
        _until(client, "aof_rewrite_in_progress")  # never copy the directory halfway through a rewrite
        client.execute_command("WAITAOF", 1, 0, 2000)  # the writes are fsynced into the AOF
        shutil.copytree(tmp_path / "live" / "appendonlydir", tmp_path / "restored" / "appendonlydir")
    finally:
        server.stop()
    assert _read_back(tmp_path / "restored") == ('{"id": "a1"}', {"a1"})
