"""Opening a Redis/Valkey connection, checking the stored schema version, and durable (fsynced) commits."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

import redis
import redis.asyncio as aioredis

from forum.errors import Unavailable
from forum.store import keys
from forum.store.address import async_client, sync_client

READER_TIMEOUT = 30.0  # seconds; longer than any blocking read the live bus reader makes
REASK_MS = 50  # a WAITAOF for replicas is asked again this often (see _wait_aof)
ACK_TTL_MS = 60_000  # an acknowledgement token outlives any wait for it; a writer that died leaves it to expire


@dataclass(frozen=True)
class Durability:
    """What an acknowledged write waits for: `WAITAOF local replicas timeout_ms` (local 0 and replicas 0: nothing)."""

    replicas: int = 0
    timeout_ms: int = 1000
    local: int = 1


class StoreClient(redis.Redis):
    """A client that knows the durability its acknowledged writes wait for (see `commit`)."""

    durability = Durability()


def connect(url: str, durability: Durability = Durability()) -> redis.Redis:
    """A client with str responses (`url`: see store/address.py); Unavailable when the server does not answer."""
    client = sync_client(url, StoreClient, decode_responses=True, socket_connect_timeout=5, health_check_interval=30)
    client.durability = durability
    try:
        client.ping()
        ensure_schema(client)
    except redis.ConnectionError as exc:
        raise Unavailable(f"cannot reach Redis/Valkey at {url}: {exc}") from None
    return client


def ensure_schema(client: redis.Redis) -> None:
    """Stamp an empty store; refuse a store written by an incompatible version."""
    client.set(keys.SCHEMA, keys.SCHEMA_VERSION, nx=True)
    found = client.get(keys.SCHEMA)
    if found != keys.SCHEMA_VERSION:
        raise Unavailable(f"the store has schema version {found!r}, this forum needs {keys.SCHEMA_VERSION}")
    purge_clear_codes(client)


# Before codes were hashed (store/access_codes.py), they were kept in the clear under these entity names.
CLEAR_CODE_ENTITIES = ("access_code", "attendee_code")
CLEAR_CODES_PURGED = f"{keys.PREFIX}:migrations:clear-access-codes-purged"


def purge_clear_codes(client: redis.Redis) -> int:
    """Delete the clear-text codes an older version stored, once per store (later calls are one SET NX);
    returns how many keys went. Those codes no longer sign anyone in either way."""
    if not client.set(CLEAR_CODES_PURGED, "1", nx=True):
        return 0
    gone = 0
    for entity in CLEAR_CODE_ENTITIES:
        found = [str(k) for k in client.scan_iter(match=f"{keys.PREFIX}:*:{entity}:*", count=1000)]
        found = [k for k in found if k.split(":")[2] == entity]  # not an id that merely contains the word
        for i in range(0, len(found), 1000):
            gone += int(client.delete(*found[i : i + 1000]))
    return gone


# What other layers name instead of importing redis: the store's client type and its failure.
Client = redis.Redis
StoreError = redis.RedisError
StoreFull = redis.exceptions.OutOfMemoryError  # at maxmemory with noeviction: reads work, every write is refused
Pipeline = redis.client.Pipeline


def commit(client: redis.Redis, pipe: Pipeline) -> list[Any]:
    """EXEC the MULTI staged on `pipe` and return its results only once it is on disk (see `durable`)."""
    token = secrets.token_hex(8)
    pipe.set(keys.ack(token), "1", px=ACK_TTL_MS)
    results = pipe.execute()
    durable(client, token)
    return results[:-1]


def durable(client: redis.Redis, token: str) -> None:
    """Wait until the transaction that wrote the ack `token` is fsynced to the AOF (and to the replicas' AOFs).

    WAITAOF covers the writes of the connection it is sent on, and the pool may hand out another connection
    than the one that ran EXEC. So the token is deleted on whichever connection we get: a deletion proves the
    transaction is in this server's data (not lost by a crash and restart in between) and comes after it in
    the AOF, so WAITAOF on the deletion covers the transaction too.
    """
    policy = client.durability if isinstance(client, StoreClient) else Durability()
    if policy.local == 0 and policy.replicas == 0:
        client.delete(keys.ack(token))
        return
    pool = client.connection_pool
    conn = pool.get_connection()  # a live one: the pool replaces a connection the server closed
    try:
        deleted = _ask(conn, "DEL", keys.ack(token))
        local, replicas = _wait_aof(conn, policy)
    except redis.ResponseError as exc:  # e.g. appendonly is off: nothing can confirm a write is on disk
        raise Unavailable(f"The store cannot confirm that changes are saved to disk ({exc}).") from None
    except BaseException:
        conn.disconnect()  # type: ignore[no-untyped-call]  # half a conversation must not go back to the pool
        raise
    finally:
        pool.release(conn)
    if not deleted:
        raise Unavailable("The store restarted before your change was saved to disk. Please check and try again.")
    if local < policy.local or replicas < policy.replicas:
        raise Unavailable(f"Your change could not be confirmed as saved to disk within {policy.timeout_ms} ms. "
                          "Please check and try again.")


def _wait_aof(conn: redis.connection.Connection, policy: Durability) -> tuple[int, int]:
    """WAITAOF until it is satisfied or the policy's time is up, asking again every REASK_MS: each ask makes
    the primary ask its replicas where their fsyncs are, where otherwise a replica whose answer came just
    before its fsync is heard from again only a second later."""
    deadline = time.monotonic() + policy.timeout_ms / 1000
    while True:
        left = max(1, int((deadline - time.monotonic()) * 1000))
        local, replicas = _ask(conn, "WAITAOF", policy.local, policy.replicas, min(left, REASK_MS))
        if (local >= policy.local and replicas >= policy.replicas) or time.monotonic() >= deadline:
            return int(local), int(replicas)


def _ask(conn: redis.connection.Connection, *command: str | int) -> Any:
    """One command and its reply on this very connection: no retry on another connection, which WAITAOF
    would answer at once (it has written nothing there); and no pipelining, since a WAITAOF that arrives in
    the same batch as its write waits for Valkey's next cron tick (~100 ms) rather than for the fsync."""
    conn.send_command(*command, check_health=False)  # type: ignore[no-untyped-call]  # redis-py: unannotated
    return conn.read_response()


def watch(pipe: Pipeline, *names: str) -> None:
    """WATCH `names` on a pipeline about to start a MULTI: a write to one of them makes EXEC fail."""
    pipe.watch(*names)  # type: ignore[no-untyped-call]  # redis-py leaves Pipeline.watch unannotated


def async_clients(url: str, max_connections: int = 32) -> tuple[aioredis.Redis, aioredis.Redis]:
    """For a web process's live push: a dedicated client for blocking stream reads, and a pooled one."""
    # The reader's reads block for seconds (XREAD BLOCK): its socket timeout must be longer, or a quiet bus
    # looks like a dead store (redis-py's default is 5 s, exactly the bus reader's block).
    reader = async_client(url, decode_responses=True, socket_connect_timeout=5, socket_timeout=READER_TIMEOUT)
    return reader, async_client(url, max_connections, decode_responses=True)
