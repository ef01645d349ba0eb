"""The organizers' audit log: who changed what and when, newest first, bounded per event."""

from __future__ import annotations

import json
from typing import Any

import redis

from forum.store import keys
from forum.store.connection import Pipeline

KEEP = 2000  # entries per event: days of hand changes at a busy market


def audit_key(event: str) -> str:
    return keys.record(event, "audit", "log")


def stage_entry(pipe: Pipeline, event: str, entry: dict[str, Any]) -> None:
    """Queue one entry on a MULTI pipeline, so the change and its record land together."""
    pipe.lpush(audit_key(event), json.dumps(entry, separators=(",", ":"), ensure_ascii=False))
    pipe.ltrim(audit_key(event), 0, KEEP - 1)


class AuditLog:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def append(self, event: str, entry: dict[str, Any]) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            stage_entry(pipe, event, entry)
            pipe.execute()

    def latest(self, event: str, count: int = 50) -> list[dict[str, Any]]:
        return [json.loads(raw) for raw in self.client.lrange(audit_key(event), 0, max(0, count - 1))]
