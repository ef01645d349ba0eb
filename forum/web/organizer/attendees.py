"""Attendees: the list, CSV import and export, and the sign-in links to send."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.setup import attendee_csv, event_setup
from forum.services.signin import invitations
from forum.web.auth import Viewer
from forum.web.organizer.common import act, base, call, organizer, read_form, render, text, upload


def origin(request: Request) -> str:
    return str(request.app.state.settings.public_origin or str(request.base_url))


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200,
               invite: invitations.Invitation | None = None) -> Response:
    query = request.query_params.get("q", "")[:100]
    people, total = await call(invitations.attendees_page, request.app.state.redis, viewer.event, query)
    return render(request, "organizer/attendees.html", viewer, {
        "people": people, "total": total, "q": query, "invite": invite, "section": "attendees", "error": error,
    }, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


async def import_csv(request: Request) -> Response:
    store = request.app.state.store

    async def run(viewer: Viewer, form: FormData) -> str:
        content = await upload(form, "attendees")
        count = await call(attendee_csv.import_attendees, store, viewer.event, content)
        return f"Imported {count} attendees."

    return await act(request, page, run, f"{base(request.path_params['event'])}/attendees")


async def export_csv(request: Request) -> Response:
    viewer = await organizer(request)
    body = await call(attendee_csv.export_attendees, request.app.state.store, viewer.event)
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{viewer.event}-attendees.csv"'})


async def make_link(request: Request) -> Response:
    """A fresh link for one attendee, shown on the page to copy into a message."""
    viewer = await organizer(request)
    form = await read_form(request)
    who = text(form, "attendee", 100)
    secret = request.app.state.settings.secret_key
    invite = await call(invitations.invitation, request.app.state.redis, secret, origin(request), viewer.event, who)
    return await page(request, viewer, invite=invite)


async def links_csv(request: Request) -> Response:
    viewer = await organizer(request)
    await read_form(request)
    body = await call(invitations.invitations_csv, request.app.state.redis, request.app.state.settings.secret_key,
                      origin(request), viewer.event)
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{viewer.event}-sign-in-links.csv"'})


async def caps(request: Request) -> Response:
    client = request.app.state.redis

    async def run(viewer: Viewer, form: FormData) -> str:
        who = text(form, "attendee", 100)
        await call(event_setup.set_attendee_caps, client, viewer.event, viewer.attendee, who,
                   text(form, "max_meetings", 10), text(form, "max_per_day", 10))
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
