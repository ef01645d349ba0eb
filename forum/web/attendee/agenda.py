"""The agenda: what to answer, the next meeting on top, then meetings by day; and its printable version."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from forum.services.attendees import agenda
from forum.store import EventStore
from forum.store.agenda import AgendaStore
from forum.web.attendee.common import call, page, redis_of, viewer

INCOMING_SHOWN = 10  # the agenda stays short on a phone; the requests page has them all, a page at a time


def _context(client: Any, event: str, attendee: str) -> dict[str, Any]:
    return {"agenda": agenda.agenda(client, event, attendee), "event": EventStore(client).get(event),
            "feed": AgendaStore(client, event).feed_key(attendee), "incoming_shown": INCOMING_SHOWN}


def feed_address(request: Request, event: str, key: str) -> str:
    """The subscription address calendar apps fetch: our public origin when configured, else this request's."""
    origin = request.app.state.settings.public_origin.rstrip("/") or str(request.base_url).rstrip("/")
    return f"{origin}/e/{event}/calendar/{key}.ics"


async def my_agenda(request: Request) -> Response:
    who = await viewer(request)
    context = await call(_context, redis_of(request), who.event, who.attendee)
    address = feed_address(request, who.event, context["feed"])
    context.update(feed_url=address, webcal_url="webcal://" + address.split("://", 1)[1])
    return page(request, who, "attendee/agenda.html", context)


async def printable(request: Request) -> Response:
    who = await viewer(request)
    context = await call(_context, redis_of(request), who.event, who.attendee)
    return page(request, who, "attendee/print.html", context)
