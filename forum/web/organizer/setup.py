"""Event setup pages: meeting slots, tables by area, pitch sessions, caps, and importing the whole event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.setup import event_import, event_setup
from forum.web.auth import Viewer
from forum.web.organizer.common import act, base, call, organizer, render, text, upload
from forum.web.views.setup_view import setup_view

SLOT_FIELDS = ("days", "start", "end", "minutes", "breaks")
PITCH_FIELDS = ("id", "name", "room", "day", "start", "count", "minutes", "panel", "projects")


async def page(request: Request, viewer: Viewer, error: str = "", status: int = 200) -> Response:
    found = await call(setup_view, request.app.state.redis, viewer.event)
    return render(request, "organizer/setup.html", viewer, {"s": found, "section": "setup", "error": error}, status)


async def show(request: Request) -> Response:
    return await page(request, await organizer(request))


def _post(work: Callable[[Any, Viewer, FormData], str]) -> Callable[[Request], Any]:
    async def handler(request: Request) -> Response:
        client = request.app.state.redis

        async def run(viewer: Viewer, form: FormData) -> str:
            return await call(work, client, viewer, form)  # type: ignore[no-any-return]

        return await act(request, page, run, f"{base(request.path_params['event'])}/setup")

    return handler


def _slots(client: Any, viewer: Viewer, form: FormData) -> str:
    count = event_setup.set_slots(client, viewer.event, viewer.attendee, {k: text(form, k) for k in SLOT_FIELDS})
    return f"Saved {count} meeting slots."


def _tables(client: Any, viewer: Viewer, form: FormData) -> str:
    return f"Saved {event_setup.set_tables(client, viewer.event, viewer.attendee, text(form, 'tables'))} tables."


def _pitch(client: Any, viewer: Viewer, form: FormData) -> str:
    session = event_setup.pitch_session(client, viewer.event, viewer.attendee, {k: text(form, k) for k in PITCH_FIELDS})
    return f"Saved pitch session {session.id} with {len(session.slots)} pitch slots."


def _caps(client: Any, viewer: Viewer, form: FormData) -> str:
    role = text(form, "role", 40)
    count = event_setup.set_caps(client, viewer.event, viewer.attendee, role, text(form, "max_meetings", 10),
                                 text(form, "max_per_day", 10))
    return f"Caps saved for {count} attendees with the role {role}."


async def import_event(request: Request) -> Response:
    client = request.app.state.redis

    async def run(viewer: Viewer, form: FormData) -> str:
        content = await upload(form, "instance")
        count = await call(event_import.import_event, client, viewer.event, viewer.attendee, content)
        return f"Imported the event: {count} attendees."

    return await act(request, page, run, f"{base(request.path_params['event'])}/setup")


routes = [
    Route("/e/{event}/organizer/setup", show, methods=["GET"]),
    Route("/e/{event}/organizer/setup/import", import_event, methods=["POST"]),
    Route("/e/{event}/organizer/setup/slots", _post(_slots), methods=["POST"]),
    Route("/e/{event}/organizer/setup/tables", _post(_tables), methods=["POST"]),
    Route("/e/{event}/organizer/setup/pitch", _post(_pitch), methods=["POST"]),
    Route("/e/{event}/organizer/setup/caps", _post(_caps), methods=["POST"]),
]
