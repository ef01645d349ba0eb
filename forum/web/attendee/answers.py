"""One-tap answers: accept or decline a meeting request, accept or decline a proposed meeting."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from forum.services.attendees import agenda, requests
from forum.web.attendee.common import back_to, posted
from forum.web.calls import call, client_of
from forum.web.forms import field


def _done(decision: str) -> str:
    return {"accept": "accepted", "decline": "declined"}.get(decision, "")


async def answer_request(request: Request) -> Response:
    who, form = await posted(request)
    decision = field(form, "decision")
    await call(requests.answer, client_of(request), who.event, who.attendee, request.path_params["wish"], decision)
    return back_to(request, form, "agenda", _done(decision))


async def answer_meeting(request: Request) -> Response:
    who, form = await posted(request)
    decision = field(form, "decision")
    await call(agenda.answer_meeting, client_of(request), who.event, who.attendee, request.path_params["meeting"],
               decision, field(form, "slot"))
    return back_to(request, form, "agenda", _done(decision))
