"""A Valkey primary, its replicas and three sentinels on loopback, for the failover test to kill the primary of."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import redis

from forum.launcher.children import stop_all
from forum.launcher.valkey import free_port, valkey_binary
from tests.waiting import wait_for

PRIMARY_NAME = "forum"
DOWN_AFTER_MS = 1000  # a primary that does not answer for this long is down (for each sentinel)
FAILOVER_TIMEOUT_MS = 3000


def answers(port: int) -> bool:
    try:
        return bool(redis.Redis(port=port, socket_timeout=1, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@dataclass
class SentinelCluster:
    """valkey-server processes: index 0 the first primary, then replicas (AOF on, fsync always), then sentinels."""

    root: Path
    replicas: int = 2
    ports: list[int] = field(default_factory=list)
    sentinel_ports: list[int] = field(default_factory=list)
    processes: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def sentinels(self) -> str:
        """FORUM_REDIS_SENTINELS."""
        return ",".join(f"127.0.0.1:{p}" for p in self.sentinel_ports)

    def start(self) -> SentinelCluster:
        self.ports = [free_port() for _ in range(1 + self.replicas)]
        self.sentinel_ports = [free_port() for _ in range(3)]
        try:
            for i, port in enumerate(self.ports):
                follow = ["--replicaof", "127.0.0.1", str(self.ports[0])] if i else []
                self._spawn(port, [valkey_binary(), *self._server_options(port), *follow])
            for port in self.sentinel_ports:
                self._spawn(port, [valkey_binary(), str(self._sentinel_conf(port)), "--sentinel"])
            wait_for(lambda: all(answers(p) for p in self.processes), 15, "every valkey-server answers")
            wait_for(self.ready, 30, "replicas in sync and every sentinel knowing all the others")
        except BaseException:
            self.stop()
            raise
        return self

    def primary_port(self) -> int:
        """The port the sentinels name as the primary now."""
        host, port = redis.Redis(port=self.sentinel_ports[0]).sentinel_get_master_addr_by_name(PRIMARY_NAME)
        return int(port)

    def kill(self, port: int) -> None:
        """kill -9: no shutdown, no last AOF flush, no goodbye to the replicas."""
        process = self.processes.pop(port)
        process.kill()
        process.wait(10)

    def ready(self) -> bool:
        try:
            for port in self.ports[1:]:
                if redis.Redis(port=port).info("replication").get("master_link_status") != "up":
                    return False
            for port in self.sentinel_ports:
                sentinel = redis.Redis(port=port, decode_responses=True)
                replicas = sentinel.sentinel_slaves(PRIMARY_NAME)
                if len(replicas) < self.replicas or any("s_down" in r["flags"] for r in replicas):
                    return False
                if len(sentinel.sentinel_sentinels(PRIMARY_NAME)) < len(self.sentinel_ports) - 1:
                    return False
        except redis.RedisError:
            return False
        return True

    def stop(self) -> None:
        stop_all(list(self.processes.values()))
        self.processes.clear()

    def _spawn(self, port: int, command: list[str]) -> None:
        log = open(self.root / f"valkey-{port}.log", "wb")  # noqa: SIM115 - the child writes it until it stops
        with log:
            self.processes[port] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)

    def _server_options(self, port: int) -> list[str]:
        data = self.root / f"data-{port}"
        data.mkdir(parents=True, exist_ok=True)
        return ["--port", str(port), "--bind", "127.0.0.1", "--dir", str(data), "--appendonly", "yes",
                "--appendfsync", "always", "--save", "", "--daemonize", "no",
                "--maxmemory-policy", "noeviction"]

    def _sentinel_conf(self, port: int) -> Path:
        """Sentinels rewrite their configuration file, so each gets one of its own."""
        conf = self.root / f"sentinel-{port}.conf"
        conf.write_text("\n".join([
            f"port {port}", "bind 127.0.0.1", "daemonize no", f"dir {self.root}",
            f"sentinel monitor {PRIMARY_NAME} 127.0.0.1 {self.ports[0]} 2",
            f"sentinel down-after-milliseconds {PRIMARY_NAME} {DOWN_AFTER_MS}",
            f"sentinel failover-timeout {PRIMARY_NAME} {FAILOVER_TIMEOUT_MS}",
            f"sentinel parallel-syncs {PRIMARY_NAME} 2",
            # known up front rather than from the primary's INFO, which a sentinel asks only every 10 s
            *(f"sentinel known-replica {PRIMARY_NAME} 127.0.0.1 {p}" for p in self.ports[1:]), ""]))
        return conf
