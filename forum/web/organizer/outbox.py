"""The outbox: every mail to attendees with where it stands (paged), one mail in full, and inviting
attendees by mail (a confirmed, once-per-form action)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from forum.errors import InvalidInput
from forum.services.mail import outbox
from forum.web.auth import Viewer
from forum.web.calls import call, client_of, settings_of
from forum.web.forms import field
from forum.web.organizer.common import (
    Confirmation,
    act,
    base,
    confirm_page,
    confirmed,
    organizer,
    posted,
    render,
    words,
)

IDS_CHARS = 200_000  # a pasted list of attendee ids
KIND_WORDS = {"invitation": "Invitation", "request": "New request", "published": "Meetings changed",
              "daily": "Day's agenda"}
STATUS_WORDS = {"queued": "Queued", "sending": "Sending", "retrying": "Will try again", "sent": "Sent",
                "outbox": "In the outbox", "failed": "Failed", "skipped": "Not sent"}


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 10_000:
        raise InvalidInput(words(request)("The page number must be a whole number from 1."))
    return int(raw)


async def show(request: Request, viewer: Viewer | None = None, error: str = "", status: int = 200) -> Response:
    viewer = viewer or await organizer(request)
    number = _page_number(request) if not error else 1
    mails, pages = await call(outbox.page, client_of(request), viewer.event, number)
    rows = [(m, datetime.fromtimestamp(m.updated_at, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")) for m in mails]
    return render(request, "organizer/outbox.html", viewer, {
        "section": "outbox", "mails": rows, "number": number, "pages": pages, "error": error,
        "smtp": settings_of(request).smtp is not None, "batch": secrets.token_urlsafe(16),
        "kinds": KIND_WORDS, "statuses": STATUS_WORDS}, status)


async def one(request: Request) -> Response:
    viewer = await organizer(request)
    found = await call(outbox.one, client_of(request), viewer.event, request.path_params["mail"])
    return render(request, "organizer/outbox_mail.html", viewer, {"section": "outbox", "mail": found,
                                                                   "kinds": KIND_WORDS, "statuses": STATUS_WORDS})


async def _refused(request: Request, viewer: Viewer, message: str, status: int) -> Response:
    return await show(request, viewer, message, status)


async def invite(request: Request) -> Response:
    viewer, form = sent = await posted(request)
    chosen = tuple(field(form, "attendees", IDS_CHARS).replace(",", " ").split())
    batch = field(form, "batch", 100)
    _ = words(request)
    if not confirmed(form):
        people = await call(outbox.recipients, client_of(request), viewer.event, chosen)
        reached = [a for a in people if a.email]
        lines = [_("Each of these %(n)s attendees gets a mail with a fresh sign-in link and a NEW access code: "
                   "codes sent before stop working.").replace("%(n)s", str(len(reached))),
                 ", ".join(a.name for a in reached[:20]) + (" …" if len(reached) > 20 else ""),
                 _("Sending this form again sends nothing more.")]
        if len(reached) < len(people):
            lines.append(_("No mail for %(n)s attendees without an e-mail address: %(names)s").replace(
                "%(n)s", str(len(people) - len(reached))).replace(
                "%(names)s", ", ".join(a.name for a in people if not a.email)[:500]))
        return confirm_page(request, viewer, Confirmation(
            _("Send invitations by mail?"), lines, f"{base(viewer.event)}/outbox/invitations",
            _("Send invitations (%(n)s)").replace("%(n)s", str(len(reached))), f"{base(viewer.event)}/outbox",
            (("attendees", " ".join(chosen)), ("batch", batch))), "outbox")

    async def work(viewer: Viewer, _form: object) -> str:
        queued = await call(outbox.mail_invitations, client_of(request), viewer.event, viewer.attendee, chosen,
                            batch)
        return _("%(n)s invitation mails queued.").replace("%(n)s", str(queued))

    return await act(request, _refused, work, f"{base(viewer.event)}/outbox", sent)


routes = [
    Route("/e/{event}/organizer/outbox", show, methods=["GET"]),
    Route("/e/{event}/organizer/outbox/invitations", invite, methods=["POST"]),
    Route("/e/{event}/organizer/outbox/{mail}", one, methods=["GET"]),
]
