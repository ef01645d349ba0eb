"""Exports of the published schedule: CSV, instance and schedule JSON, printable per-table sheets."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.services.exports import tables as exports
from forum.web.calls import call, client_of
from forum.web.organizer.common import organizer, render


def _file(body: str, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})


async def show(request: Request) -> Response:
    viewer = await organizer(request)
    return render(request, "organizer/exports.html", viewer, {"section": "exports"})


async def schedule_csv(request: Request) -> Response:
    viewer = await organizer(request)
    body = await call(exports.schedule_csv, client_of(request), viewer.event)
    return _file(body, "text/csv; charset=utf-8", f"{viewer.event}-schedule.csv")


async def instance_json(request: Request) -> Response:
    viewer = await organizer(request)
    body = await call(exports.instance_json, client_of(request), viewer.event)
    return _file(body, "application/json", f"{viewer.event}-instance.json")


async def schedule_json(request: Request) -> Response:
    viewer = await organizer(request)
    body = await call(exports.schedule_json, client_of(request), viewer.event)
    return _file(body, "application/json", f"{viewer.event}-schedule.json")


async def sheets(request: Request) -> Response:
    viewer = await organizer(request)
    found = await call(exports.table_sheets, client_of(request), viewer.event)
    return render(request, "organizer/sheets.html", viewer, {"sheets": found, "section": "exports"})


routes = [
    Route("/e/{event}/organizer/exports", show, methods=["GET"]),
    Route("/e/{event}/organizer/exports/schedule.csv", schedule_csv, methods=["GET"]),
    Route("/e/{event}/organizer/exports/instance.json", instance_json, methods=["GET"]),
    Route("/e/{event}/organizer/exports/schedule.json", schedule_json, methods=["GET"]),
    Route("/e/{event}/organizer/exports/sheets", sheets, methods=["GET"]),
]
