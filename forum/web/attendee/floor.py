"""The floor on a phone: check in to a meeting under way or report a no-show; take or pass a standby offer."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from forum.services.floor import checkin, offers
from forum.web.attendee.common import back_to, posted
from forum.web.calls import call, client_of
from forum.web.forms import field


async def check_in(request: Request) -> Response:
    who, form = await posted(request)
    await call(checkin.tap, client_of(request), who.event, who.attendee, request.path_params["meeting"],
               field(form, "state", 20))
    return back_to(request, form, "agenda")


async def take_offer(request: Request) -> Response:
    who, form = await posted(request)
    await call(offers.take, client_of(request), who.event, who.attendee, request.path_params["offer"])
    return back_to(request, form, "agenda", "accepted")


async def pass_offer(request: Request) -> Response:
    who, form = await posted(request)
    await call(offers.pass_on, client_of(request), who.event, who.attendee, request.path_params["offer"])
    return back_to(request, form, "agenda")
