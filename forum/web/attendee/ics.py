"""Calendar files: a download for the signed-in attendee and a subscription address with a secret key."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from forum.errors import NotFound
from forum.services.exports import ics
from forum.services.exports.feeds import feed_owner
from forum.web.attendee.common import viewer
from forum.web.calls import call, client_of, settings_of

ICS = "text/calendar; charset=utf-8"


def _answer(body: str, event: str) -> Response:
    return Response(body, media_type=ICS, headers={"Content-Disposition": f'inline; filename="{event}-agenda.ics"'})


async def download(request: Request) -> Response:
    who = await viewer(request)
    origin = settings_of(request).link_origin
    return _answer(await call(ics.calendar, client_of(request), who.event, who.attendee, origin), who.event)


async def subscription(request: Request) -> Response:
    """Calendar apps send no cookie: the unguessable key in the address says whose schedule it is."""
    event, key = request.path_params["event"], request.path_params["key"]
    owner = await call(feed_owner, client_of(request), event, key)
    if owner is None:
        raise NotFound("There is no such calendar.")
    return _answer(await call(ics.calendar, client_of(request), event, owner, settings_of(request).link_origin),
                   event)
