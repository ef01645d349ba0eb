"""The buyer's triage of incoming requests: filters from the address, the shortlist star, bulk decline with a
confirmation step, and the undo of a meeting decline."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from forum.errors import InvalidInput
from forum.services.attendees import declines, triage
from forum.services.attendees.agenda import AgendaItem
from forum.services.attendees.requests import RequestView
from forum.services.connections import Client
from forum.web import render
from forum.web.attendee.common import page, viewer
from forum.web.calls import call, client_of
from forum.web.forms import Limits, field, read_form, texts

# A page of 50 requests sends 50 ids (and 50 more when some are ticked): more fields than other attendee forms.
BULK = Limits(64 * 1024, 2 * triage.PAGE_SIZE + 10, 0, 2000, "This form is far too large.")
QUERY_KEYS = ("importance", "country", "role", "looking", "kept", "sort", "page")


def filters_of(request: Request) -> triage.Filters:
    q = request.query_params
    for key in QUERY_KEYS:
        if len(q.getlist(key)) > 1:
            raise InvalidInput(f"The {key} filter was given more than once.")
    return triage.read_filters({k: q.get(k, "") for k in QUERY_KEYS})


def undo_bars(client: Client, event: str, attendee: str, items: list[AgendaItem]) -> list[dict[str, Any]]:
    """The meetings the viewer declined that can still be undone, with the seconds left (for the page)."""
    left = declines.open_windows(client, event, attendee)
    return [{"item": i, "left": round(left[i.meeting.id], 1)} for i in items if i.meeting.id in left]


def _kept(target: str) -> str:
    """The filters of a `back` address, read again and checked (never copied), as a query string."""
    query = target.split("#")[0].split("?", 1)[1] if "?" in target else ""
    try:
        return triage.read_filters(dict(parse_qsl(query[:1000]))).query()
    except InvalidInput:
        return ""


def _back(request: Request, form: FormData, default: str) -> tuple[str, str]:
    event = request.path_params["event"]
    sent = texts(form, "back")
    target = sent[0] if len(sent) == 1 else ""
    return render.event_path(event, target) or f"/e/{event}/{default}", _kept(target)


def back_with(request: Request, form: FormData, default: str, anchor: str = "", **extra: str) -> Response:
    """Back to the page the form came from, its filters kept."""
    path, kept = _back(request, form, default)
    joined = "&".join(p for p in (kept, *(f"{k}={v}" for k, v in extra.items() if v)) if p)
    return render.see_other(f"{path}?{joined}{anchor}" if joined else f"{path}{anchor}")


async def shortlist(request: Request) -> Response:
    """Star or unstar a request; the list keeps its filters."""
    who, form = await viewer(request), await read_form(request, BULK)
    keep = field(form, "keep")
    if keep not in ("yes", "no"):
        raise InvalidInput("Say yes or no to keeping this request.")
    await call(triage.shortlist, client_of(request), who.event, who.attendee, request.path_params["wish"],
               keep == "yes")
    return back_with(request, form, "requests", "#incoming")


def _chosen(form: FormData) -> list[str]:
    scope = field(form, "scope")
    if scope not in ("", "selected", "page"):
        raise InvalidInput("Decline the requests you ticked, or all on this page.")
    ids = texts(form, "shown" if scope == "page" else "wish")
    if not ids:
        raise InvalidInput("Tick the requests to decline first.")
    return list(ids)


async def decline_many(request: Request) -> Response:
    """First a confirmation saying how many and who; declined only once confirmed, all in one write."""
    who, form = await viewer(request), await read_form(request, BULK)
    ids = _chosen(form)
    if field(form, "confirm") != "yes":
        found: list[RequestView] = await call(declines.preview, client_of(request), who.event, who.attendee, ids)
        path, kept = _back(request, form, "requests")
        return page(request, who, "attendee/confirm_decline.html",
                    {"found": found, "ids": sorted(set(ids)), "back": f"{path}?{kept}" if kept else path})
    await call(declines.decline_many, client_of(request), who.event, who.attendee, ids)
    return back_with(request, form, "requests", "#incoming", done="declined")


async def undo(request: Request) -> Response:
    """Undo a meeting decline within its window; after it, a 409 that says it is too late."""
    who, form = await viewer(request), await read_form(request, BULK)
    await call(declines.undo, client_of(request), who.event, who.attendee, request.path_params["meeting"])
    return back_with(request, form, "agenda", undone="1")


def here(request: Request, filters: triage.Filters) -> str:
    """This page's address with its filters: where the forms on it come back to."""
    query = filters.query()
    return f"{request.url.path}?{query}" if query else request.url.path


def triage_context(client: Client, event: str, attendee: str, filters: triage.Filters,
                   incoming: list[RequestView], items: list[AgendaItem]) -> dict[str, Any]:
    """What the incoming-requests section of the agenda and the requests page shows."""
    return {"triage": triage.triage(client, event, attendee, filters, incoming),
            "undo": undo_bars(client, event, attendee, items), "undo_seconds": int(declines.UNDO_SECONDS)}
