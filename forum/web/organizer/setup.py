"""Event setup pages: meeting slots, tables by area, pitch sessions, caps, and importing the whole event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.errors import InvalidInput
from forum.services.connections import Client
from forum.services.setup import event_import, event_settings, event_setup
from forum.services.setup.setup_state import setup_state
from forum.web.auth import Viewer
from forum.web.calls import call, client_of
from forum.web.forms import field, upload_json
from forum.web.organizer import setup_forms
from forum.web.organizer.common import act, base, confirmed, organizer, render, words
from forum.web.views.setup_view import setup_view


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found = setup_view(await call(setup_state, client_of(request), viewer.event))
    return render(request, "organizer/setup.html", viewer, {"s": found, "section": "setup", "error": error}, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


def _post(work: Callable[[Client, Viewer, FormData], str]) -> Callable[[Request], Awaitable[Response]]:
    """A setup form's handler: parse and apply off the event loop, then back to the setup page."""
    async def handler(request: Request) -> Response:
        async def run(viewer: Viewer, form: FormData) -> str:
            return await call(work, client_of(request), viewer, form)

        return await act(request, page, run, f"{base(request.path_params['event'])}/setup")

    return handler


def _slots(client: Client, viewer: Viewer, form: FormData) -> str:
    count = event_setup.set_slots(client, viewer.event, viewer.attendee, setup_forms.slot_plan(form))
    return f"Saved {count} meeting slots."


def _tables(client: Client, viewer: Viewer, form: FormData) -> str:
    areas = setup_forms.table_areas(field(form, "tables"))
    return f"Saved {event_setup.set_tables(client, viewer.event, viewer.attendee, areas)} tables."


def _pitch(client: Client, viewer: Viewer, form: FormData) -> str:
    session = event_setup.pitch_session(client, viewer.event, viewer.attendee, setup_forms.pitch_plan(form))
    return f"Saved pitch session {session.id} with {len(session.slots)} pitch slots."


def _event(client: Client, viewer: Viewer, form: FormData) -> str:
    saved = event_settings.set_event_settings(client, viewer.event, viewer.attendee, setup_forms.event_settings(form))
    return f"Saved: time zone {saved.timezone}, at most {saved.max_open_requests} open requests per attendee."


def _caps(client: Client, viewer: Viewer, form: FormData) -> str:
    role = field(form, "role", 40)
    count = event_setup.set_caps(client, viewer.event, viewer.attendee, role, setup_forms.caps_of(form))
    return f"Caps saved for {count} attendees with the role {role}."


IMPORT_UNCONFIRMED = ("Nothing was imported: tick the box saying the file replaces the whole event, its "
                      "attendees, requests and schedule, then send it again.")


async def import_event(request: Request) -> Response:
    async def run(viewer: Viewer, form: FormData) -> str:
        if not confirmed(form):  # checked before the file is read: nothing happens without it
            raise InvalidInput(words(request)(IMPORT_UNCONFIRMED))
        doc = await upload_json(form, "instance")
        count = await call(event_import.import_event, client_of(request), viewer.event, viewer.attendee, doc)
        return words(request)("Imported the event: %(n)s attendees.") % {"n": count}

    return await act(request, page, run, f"{base(request.path_params['event'])}/setup")


routes = [
    Route("/e/{event}/organizer/setup", show, methods=["GET"]),
    Route("/e/{event}/organizer/setup/import", import_event, methods=["POST"]),
    Route("/e/{event}/organizer/setup/slots", _post(_slots), methods=["POST"]),
    Route("/e/{event}/organizer/setup/tables", _post(_tables), methods=["POST"]),
    Route("/e/{event}/organizer/setup/pitch", _post(_pitch), methods=["POST"]),
    Route("/e/{event}/organizer/setup/caps", _post(_caps), methods=["POST"]),
    Route("/e/{event}/organizer/setup/event", _post(_event), methods=["POST"]),
]
