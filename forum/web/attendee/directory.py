"""The attendee directory and profile pages, with the request form on a profile."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from forum.errors import InvalidInput
from forum.services.attendees import agenda, directory, reasons, requests
from forum.services.connections import Client
from forum.services.events import get_attendee
from forum.web.attendee.common import page, request_lines, viewer
from forum.web.auth import Viewer
from forum.web.calls import call, client_of


def _search_of(request: Request) -> directory.Search:
    q = request.query_params
    try:
        number = int(q.get("page", "1") or "1")
    except ValueError:
        raise InvalidInput("There is no such page.") from None
    return directory.Search(q.get("q", "").strip(), q.get("role", ""), q.get("organization", "").strip(),
                            q.get("country", ""), q.get("looking_for", "").strip(), number)


async def people(request: Request) -> Response:
    who = await viewer(request)
    wanted = _search_of(request)
    found = await call(directory.search, client_of(request), who.event, who.attendee, wanted)
    return page(request, who, "attendee/people.html", {"found": found, "search": wanted,
                                                        "pager": _pager(request, found)})


def _pager(request: Request, found: directory.Found) -> dict[str, str]:
    """Links to the previous and next page that keep the search and filters."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "lang")]
    out = {}
    if found.page > 1:
        out["prev"] = "?" + urlencode([*kept, ("page", str(found.page - 1))])
    if found.page < found.pages:
        out["next"] = "?" + urlencode([*kept, ("page", str(found.page + 1))])
    return out


def profile_context(client: Client, who: Viewer, attendee: str) -> dict[str, Any]:
    """Everything the profile page shows: the person, the viewer's request to them, the form's choices."""
    person = directory.profile(client, who.event, attendee)
    me = get_attendee(client, who.event, who.attendee)
    mine = [r for r in requests.sent_requests(client, who.event, who.attendee)
            if r.wish.target == person.id and r.wish.requester == who.attendee]
    standings = reasons.standings(client, who.event, who.attendee, mine, agenda.items_of(
        client, who.event, who.attendee), with_help=True) if mine else {}
    return {
        "person": person, "me": me, "requests": mine, "standings": standings,
        "can_request": requests.takes_requests(person)
        and person.id != who.attendee, "colleagues": directory.colleagues_of(client, who.event, me),
        "days": requests.event_days(client, who.event), "max_message": requests.MAX_MESSAGE,
        "form": {"importance": "would_like", "message": "", "colleagues": [], "days": []}, "error": "",
    }


async def profile(request: Request) -> Response:
    who = await viewer(request)
    context = await call(profile_context, client_of(request), who, request.path_params["attendee"])
    return profile_page(request, who, context)


def profile_page(request: Request, who: Viewer, context: dict[str, Any], status: int = 200) -> Response:
    """The profile with the viewer's requests to that person worded in their language."""
    context["lines"] = request_lines(request, who, context.pop("standings"), context["requests"])
    return page(request, who, "attendee/person.html", context, status)
