"""One-tap answers: accept or decline a meeting request, accept or decline a proposed meeting."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from forum.checker.placing import Blocked
from forum.services.attendees import acceptance, agenda
from forum.web import render
from forum.web.attendee.common import page, posted
from forum.web.attendee.triage import back_with
from forum.web.calls import call, client_of
from forum.web.forms import field

# Why no time can exist for a request, in words the locale catalogues translate (no names in them).
NO_TIME = {
    "no common time": "You and the people in this request are never available at the same time.",
    "cap": "Someone in this request has reached their limit of meetings.",
    "busy": "Every time you share is already taken by accepted meetings, pitches or panel sessions.",
    "tables": "No table is free at any time you share.",
}
NO_TIME_YOU = {"cap": "You have reached your limit of meetings."}


def _done(decision: str) -> str:
    return {"accept": "accepted", "decline": "declined"}.get(decision, "")


def no_time_words(found: Blocked, viewer: str) -> str:
    if viewer in found.who and found.kind in NO_TIME_YOU:
        return NO_TIME_YOU[found.kind]
    return NO_TIME[found.kind]


async def answer_request(request: Request) -> Response:
    """Accepting a request no time can exist for asks first: the page says why, with an 'accept anyway'."""
    who, form = await posted(request)
    decision, wish = field(form, "decision"), request.path_params["wish"]
    if decision == "accept" and field(form, "confirm") != "yes":
        found = await call(acceptance.no_time, client_of(request), who.event, who.attendee, wish)
        if found is not None:
            back = render.event_path(who.event, field(form, "back")) or f"/e/{who.event}/agenda"
            return page(request, who, "attendee/confirm_accept.html",
                        {"wish_id": wish, "why": no_time_words(found, who.attendee), "back": back})
    await call(acceptance.answer, client_of(request), who.event, who.attendee, wish, decision)
    return back_with(request, form, "agenda", done=_done(decision))


async def answer_meeting(request: Request) -> Response:
    who, form = await posted(request)
    decision = field(form, "decision")
    await call(agenda.answer_meeting, client_of(request), who.event, who.attendee, request.path_params["meeting"],
               decision, field(form, "slot"))
    return back_with(request, form, "agenda", done=_done(decision))
