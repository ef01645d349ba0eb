"""How handlers reach the services: the process's store client and job queue, and a hop off the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from forum.config import Settings
from forum.services.connections import Client

P = ParamSpec("P")
T = TypeVar("T")


async def call(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a blocking (store-touching) service call in the thread pool, so the event loop keeps serving."""
    return await run_in_threadpool(fn, *args, **kwargs)


def client_of(conn: HTTPConnection) -> Client:
    """The store client opened once by the app's lifespan."""
    found: Client = conn.app.state.client
    return found


def jobs_of(conn: HTTPConnection) -> Any:
    """The run queue opened once by the app's lifespan (a JobQueue; the web only passes it to the services)."""
    return conn.app.state.jobs


def settings_of(conn: HTTPConnection) -> Settings:
    found: Settings = conn.app.state.settings
    return found
