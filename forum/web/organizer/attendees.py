"""Attendees: the list, CSV import and export, and the sign-in links to send."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.setup import attendee_csv, event_setup
from forum.services.signin import invitations
from forum.web.auth import Viewer
from forum.web.calls import call, client_of, settings_of
from forum.web.forms import field, upload
from forum.web.organizer.common import act, base, organizer, posted, render
from forum.web.organizer.setup_forms import caps_of


def origin(request: Request) -> str:
    return str(settings_of(request).public_origin or str(request.base_url))


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200,
               invite: invitations.Invitation | None = None) -> Response:
    query = request.query_params.get("q", "")[:100]
    people, total = await call(invitations.attendees_page, client_of(request), viewer.event, query)
    return render(request, "organizer/attendees.html", viewer, {
        "people": people, "total": total, "q": query, "invite": invite, "section": "attendees", "error": error,
    }, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


async def import_csv(request: Request) -> Response:
    async def run(viewer: Viewer, form: FormData) -> str:
        content = await upload(form, "attendees")
        count = await call(attendee_csv.import_attendees, client_of(request), viewer.event, content)
        return f"Imported {count} attendees."

    return await act(request, page, run, f"{base(request.path_params['event'])}/attendees")


def _csv(body: str, name: str) -> Response:
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


async def export_csv(request: Request) -> Response:
    viewer = await organizer(request)
    body = await call(attendee_csv.export_attendees, client_of(request), viewer.event)
    return _csv(body, f"{viewer.event}-attendees.csv")


async def make_link(request: Request) -> Response:
    """A fresh link for one attendee, shown on the page to copy into a message."""
    viewer, form = await posted(request)
    who = field(form, "attendee", 100)
    secret = settings_of(request).secret_key
    invite = await call(invitations.invitation, client_of(request), secret, origin(request), viewer.event, who)
    return await page(request, viewer, invite=invite)


async def links_csv(request: Request) -> Response:
    viewer, _ = await posted(request)
    body = await call(invitations.invitations_csv, client_of(request), settings_of(request).secret_key,
                      origin(request), viewer.event)
    return _csv(body, f"{viewer.event}-sign-in-links.csv")


async def caps(request: Request) -> Response:
    async def run(viewer: Viewer, form: FormData) -> str:
        who = field(form, "attendee", 100)
        await call(event_setup.set_attendee_caps, client_of(request), viewer.event, viewer.attendee, who,
                   caps_of(form))
        return f"Caps saved for {who}."

    return await act(request, page, run, f"{base(request.path_params['event'])}/attendees")


routes = [
    Route("/e/{event}/organizer/attendees", show, methods=["GET"]),
    Route("/e/{event}/organizer/attendees/import", import_csv, methods=["POST"]),
    Route("/e/{event}/organizer/attendees.csv", export_csv, methods=["GET"]),
    Route("/e/{event}/organizer/attendees/link", make_link, methods=["POST"]),
    Route("/e/{event}/organizer/attendees/caps", caps, methods=["POST"]),
    Route("/e/{event}/organizer/attendees/links.csv", links_csv, methods=["POST"]),
]
