"""Attendees: the list, CSV import and export, sign-in links and access codes to send, ending sessions."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.errors import Conflict, InvalidInput, NotFound
from forum.services.setup import attendee_csv, attendee_list, event_setup
from forum.services.signin import invitations
from forum.services.signin.invitations import Invitation
from forum.services.signin.sessions import end_sessions_of
from forum.web.auth import Viewer
from forum.web.calls import call, client_of, settings_of
from forum.web.errors import status_of
from forum.web.forms import field, upload
from forum.web.organizer.common import act, base, confirmed, organizer, posted, render, words
from forum.web.organizer.setup_forms import caps_of


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200,
               invite: Invitation | None = None) -> Response:
    params = request.query_params
    asked = attendee_list.search_from(params.get("q", ""), params.get("role", ""), params.get("page", ""))
    found = await call(attendee_list.attendee_page, client_of(request), viewer.event, asked)
    return render(request, "organizer/attendees.html", viewer, {
        "found": found, "asked": asked, "invite": invite, "section": "attendees", "error": error,
    }, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


IMPORT_UNCONFIRMED = ("Nothing was imported: tick the box saying the file adds and updates attendees, then send "
                      "it again.")


async def import_csv(request: Request) -> Response:
    async def run(viewer: Viewer, form: FormData) -> str:
        if not confirmed(form):  # checked before the file is read: nothing happens without it
            raise InvalidInput(words(request)(IMPORT_UNCONFIRMED))
        content = await upload(form, "attendees")
        count = await call(attendee_csv.import_attendees, client_of(request), viewer.event, content,
                           viewer.attendee)
        return words(request)("Imported %(n)s attendees.") % {"n": count}

    return await act(request, page, run, f"{base(request.path_params['event'])}/attendees")


def _csv(body: str, name: str) -> Response:
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


async def export_csv(request: Request) -> Response:
    viewer = await organizer(request)
    body = await call(attendee_csv.export_attendees, client_of(request), viewer.event)
    return _csv(body, f"{viewer.event}-attendees.csv")


async def _show_invitation(request: Request, make: Callable[[Viewer, str], Invitation]) -> Response:
    """Answer the form with the page itself (not a redirect): a new code is shown this once and nowhere else."""
    viewer, form = await posted(request)
    try:
        invite = await call(make, viewer, field(form, "attendee", 100))
    except (Conflict, NotFound) as refused:
        return await page(request, viewer, refused.message, status_of(refused))
    return await page(request, viewer, invite=invite)


async def make_link(request: Request) -> Response:
    """A fresh link for one attendee, to copy into a message. Its origin comes from the settings, never from
    the request's Host header."""
    settings, client = settings_of(request), client_of(request)
    return await _show_invitation(request, lambda viewer, who: invitations.invitation(
        client, settings.secret_key, settings.link_origin, viewer.event, who, organizer=viewer.attendee))


async def new_code(request: Request) -> Response:
    """A new access code for one attendee (only its hash is kept); their previous code stops working."""
    secret, client = settings_of(request).secret_key, client_of(request)
    return await _show_invitation(request, lambda viewer, who: invitations.new_code(
        client, secret, viewer.event, viewer.attendee, who))


async def end_sessions(request: Request) -> Response:
    async def run(viewer: Viewer, form: FormData) -> str:
        who = field(form, "attendee", 100)
        count = await call(end_sessions_of, client_of(request), viewer.event, viewer.attendee, who)
        return words(request)("%(who)s is signed out everywhere (sessions ended: %(n)s).") % {"who": who, "n": count}

    return await act(request, page, run, f"{base(request.path_params['event'])}/attendees")


async def links_csv(request: Request) -> Response:
    viewer, form = await posted(request)
    settings = settings_of(request)
    body = await call(invitations.invitations_csv, client_of(request), settings.secret_key, settings.link_origin,
                      viewer.event, viewer.attendee, field(form, "codes") == "new")
    return _csv(body, f"{viewer.event}-sign-in-links.csv")


async def caps(request: Request) -> Response:
    async def run(viewer: Viewer, form: FormData) -> str:
        who = field(form, "attendee", 100)
        await call(event_setup.set_attendee_caps, client_of(request), viewer.event, viewer.attendee, who,
                   caps_of(form))
        return words(request)("Caps saved for %(who)s.") % {"who": who}

    return await act(request, page, run, f"{base(request.path_params['event'])}/attendees")


routes = [
    Route("/e/{event}/organizer/attendees", show, methods=["GET"]),
    Route("/e/{event}/organizer/attendees/import", import_csv, methods=["POST"]),
    Route("/e/{event}/organizer/attendees.csv", export_csv, methods=["GET"]),
    Route("/e/{event}/organizer/attendees/link", make_link, methods=["POST"]),
    Route("/e/{event}/organizer/attendees/code", new_code, methods=["POST"]),
    Route("/e/{event}/organizer/attendees/sessions/end", end_sessions, methods=["POST"]),
    Route("/e/{event}/organizer/attendees/caps", caps, methods=["POST"]),
    Route("/e/{event}/organizer/attendees/links.csv", links_csv, methods=["POST"]),
]
