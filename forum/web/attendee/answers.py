"""One-tap answers: accept or decline a meeting request, accept or decline a proposed meeting."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from forum.services.attendees import agenda, requests
from forum.web.attendee.common import back_to, call, field, posted, redis_of, shows_problems


def _done(decision: str) -> str:
    return {"accept": "accepted", "decline": "declined"}.get(decision, "")


@shows_problems
async def answer_request(request: Request) -> Response:
    who, form = await posted(request)
    decision = field(form, "decision")
    await call(requests.answer, redis_of(request), who.event, who.attendee, request.path_params["wish"], decision)
    return back_to(request, form, "agenda", _done(decision))


@shows_problems
async def answer_meeting(request: Request) -> Response:
    who, form = await posted(request)
    decision = field(form, "decision")
    await call(agenda.answer_meeting, redis_of(request), who.event, who.attendee, request.path_params["meeting"],
               decision, field(form, "slot"))
    return back_to(request, form, "agenda", _done(decision))
