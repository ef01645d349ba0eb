"""The agenda: what to answer, the next meeting on top, then meetings by day; and its printable version."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from forum.services.attendees import agenda
from forum.services.attendees.triage import Filters
from forum.services.connections import Client
from forum.services.events import get_event
from forum.services.exports.feeds import feed_key
from forum.services.floor.agenda_view import floor_of
from forum.web.attendee.common import page, viewer
from forum.web.attendee.triage import filters_of, here, triage_context
from forum.web.calls import call, client_of, settings_of


def _context(client: Client, event: str, attendee: str, filters: Filters | None = None) -> dict[str, Any]:
    """The buyer's home: the next meeting and the proposed ones first, then the requests to triage."""
    mine = agenda.agenda(client, event, attendee)
    context = {"agenda": mine, "event": get_event(client, event), "feed": feed_key(client, event, attendee)}
    if filters is not None:
        context.update(triage_context(client, event, attendee, filters, mine.incoming, mine.items))
    return context


def feed_address(request: Request, event: str, key: str) -> str:
    """The subscription address calendar apps fetch: our public origin when configured, else this request's."""
    origin = settings_of(request).public_origin.rstrip("/") or str(request.base_url).rstrip("/")
    return f"{origin}/e/{event}/calendar/{key}.ics"


async def my_agenda(request: Request) -> Response:
    who = await viewer(request)
    filters = filters_of(request)
    context = await call(_context, client_of(request), who.event, who.attendee, filters)
    context["here"] = here(request, filters)
    context["floor"] = await call(floor_of, client_of(request), who.event, context["agenda"])  # check-in, offers
    address = feed_address(request, who.event, context["feed"])
    context.update(feed_url=address, webcal_url="webcal://" + address.split("://", 1)[1])
    return page(request, who, "attendee/agenda.html", context)


async def printable(request: Request) -> Response:
    who = await viewer(request)
    context = await call(_context, client_of(request), who.event, who.attendee)
    return page(request, who, "attendee/print.html", context)
