"""My requests (sent and received), asking for a meeting, withdrawing a request."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from forum.checker.rules import is_live
from forum.domain import WishStatus
from forum.errors import InvalidInput, NotFound
from forum.services.attendees import agenda, reasons, requests, triage
from forum.services.attendees.triage import Filters
from forum.services.connections import Client
from forum.web.attendee.common import back_to, page, posted, request_lines, viewer
from forum.web.attendee.directory import profile_context, profile_page
from forum.web.attendee.request_form import new_request
from forum.web.attendee.triage import filters_of, here, triage_context
from forum.web.calls import call, client_of
from forum.web.errors import status_of
from forum.web.forms import field, texts

ANSWERED_SHOWN = 100


def _context(client: Client, event: str, attendee: str, filters: Filters) -> dict[str, Any]:
    """Received requests to triage first (filtered, a page at a time), then sent ones with their meeting if one
    is scheduled, then the answered ones. A pending request with a proposed meeting is answered on the agenda."""
    items = agenda.items_of(client, event, attendee)
    meetings = {i.meeting.id: i for i in items if is_live(i.meeting)}
    sent = requests.sent_requests(client, event, attendee)
    received = requests.received_requests(client, event, attendee)
    incoming = triage.awaiting(client, event, attendee, {i.meeting.id: i.meeting for i in items})
    answered = [r for r in received if r.wish.status is not WishStatus.PENDING]
    return {"sent": sent, "meetings": meetings, "standings": reasons.standings(client, event, attendee, sent, items),
            "answered": answered[:ANSWERED_SHOWN], "answered_count": len(answered),
            **triage_context(client, event, attendee, filters, incoming, items)}


async def my_requests(request: Request) -> Response:
    who = await viewer(request)
    filters = filters_of(request)
    context = await call(_context, client_of(request), who.event, who.attendee, filters)
    context["here"] = here(request, filters)
    context["lines"] = request_lines(request, who, context.pop("standings"), context["sent"])
    return page(request, who, "attendee/requests.html", context)


async def ask(request: Request) -> Response:
    """Create a request; a mistake shows the profile again with the message and what was typed."""
    who, form = await posted(request)
    typed = {"importance": field(form, "importance"), "message": field(form, "message")[:500],
             "colleagues": list(texts(form, "colleagues")), "days": list(texts(form, "days"))}
    try:
        await call(requests.create_request, client_of(request), who.event, who.attendee, new_request(form))
    except InvalidInput as exc:
        try:
            context = await call(profile_context, client_of(request), who, field(form, "target"))
        except NotFound:
            raise exc from None  # no profile to show the form on: the plain error page says it
        context.update(error=exc.message, form=typed)
        return profile_page(request, who, context, status=status_of(exc))
    return back_to(request, form, "requests", "sent")


async def reopen(request: Request) -> Response:
    """The person asked takes back a decline; only they can (anyone else gets the page of an unknown request)."""
    who, form = await posted(request)
    await call(requests.reopen, client_of(request), who.event, who.attendee, request.path_params["wish"])
    return back_to(request, form, "requests", "reopened")


async def withdraw(request: Request) -> Response:
    who, form = await posted(request)
    await call(requests.withdraw, client_of(request), who.event, who.attendee, request.path_params["wish"])
    return back_to(request, form, "requests", "withdrawn")
