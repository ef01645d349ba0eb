"""The agenda: what to answer, the next meeting on top, then meetings by day; and its printable version."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from forum.services.attendees import agenda
from forum.services.connections import Client
from forum.services.events import get_event
from forum.services.exports.feeds import feed_key
from forum.web.attendee.common import page, viewer
from forum.web.calls import call, client_of, settings_of

INCOMING_SHOWN = 10  # the agenda stays short on a phone; the requests page has them all, a page at a time


def _context(client: Client, event: str, attendee: str) -> dict[str, Any]:
    return {"agenda": agenda.agenda(client, event, attendee), "event": get_event(client, event),
            "feed": feed_key(client, event, attendee), "incoming_shown": INCOMING_SHOWN}


def feed_address(request: Request, event: str, key: str) -> str:
    """The subscription address calendar apps fetch: our public origin when configured, else this request's."""
    origin = settings_of(request).public_origin.rstrip("/") or str(request.base_url).rstrip("/")
    return f"{origin}/e/{event}/calendar/{key}.ics"


async def my_agenda(request: Request) -> Response:
    who = await viewer(request)
    context = await call(_context, client_of(request), who.event, who.attendee)
    address = feed_address(request, who.event, context["feed"])
    context.update(feed_url=address, webcal_url="webcal://" + address.split("://", 1)[1])
    return page(request, who, "attendee/agenda.html", context)


async def printable(request: Request) -> Response:
    who = await viewer(request)
    context = await call(_context, client_of(request), who.event, who.attendee)
    return page(request, who, "attendee/print.html", context)
