"""Writing one mail from what is in the store when it is sent: subject, plain-text body, links back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from forum.checker.rules import is_live
from forum.domain import Attendee, MeetingStatus
from forum.errors import Conflict
from forum.services.attendees.agenda import AgendaItem, items_of
from forum.services.attendees.pitch_agenda import PitchItem, pitches_of
from forum.services.attendees.requests import importance_name
from forum.services.mail.catalogue import day_name, text, time_span
from forum.services.mail.prefs import stop_token
from forum.services.signin.access import make_link_token
from forum.store import EventStore
from forum.store.access_codes import AccessCodes
from forum.store.connection import Client
from forum.store.mail import MailRecord
from forum.store.requests import RequestStore

NO_ORIGIN = "mails need the address attendees open: set FORUM_PUBLIC_ORIGIN on the workers"
REDACTED = "••••••••••"


@dataclass(frozen=True)
class Written:
    subject: str
    body: str
    kept: str = ""  # the body as the store keeps it once sent, without a one-time secret; "" = the body


class NothingToSay(Exception):
    """The mail lost its reason before it went out (a request withdrawn, no meeting that day)."""


@dataclass(frozen=True)
class Context:
    client: Client
    secret: str
    origin: str
    record: MailRecord
    person: Attendee
    lang: str
    event_name: str

    def link(self, path: str) -> str:
        return f"{self.origin}/e/{self.record.event}/{path}"

    def footer(self) -> str:
        stop = f"{self.origin}/mail/stop/{stop_token(self.secret, self.record.event, self.person.id)}"
        return text(self.lang, "footer", event=self.event_name, stop=stop)


def write(client: Client, secret: str, origin: str, record: MailRecord, person: Attendee, lang: str) -> Written:
    """The mail `record` stands for, in `lang`; NothingToSay when there is nothing left to tell."""
    if not origin:
        raise Conflict(NO_ORIGIN)
    ctx = Context(client, secret, origin.rstrip("/"), record, person, lang,
                  EventStore(client).get(record.event).name)
    return WRITERS[record.kind](ctx)


def _invitation(ctx: Context) -> Written:
    """A fresh link and a new access code (the previous code stops working), both issued as it is sent."""
    event, who = ctx.record.event, ctx.person.id
    link = f"{ctx.origin}/signin/{make_link_token(ctx.client, ctx.secret, event, who)}"
    code = AccessCodes(ctx.client, ctx.secret).issue(event, [who])[who]
    values = {"name": ctx.person.name, "event": ctx.event_name, "link": link,
              "signin": f"{ctx.origin}/signin?event={event}"}
    body = text(ctx.lang, "invitation.body", code=code, **values) + ctx.footer()
    kept = text(ctx.lang, "invitation.body", code=REDACTED, **values) + ctx.footer()
    return Written(text(ctx.lang, "invitation.subject", event=ctx.event_name), body, kept)


def _request(ctx: Context) -> Written:
    wish = RequestStore(ctx.client, ctx.record.event).find(str(ctx.record.data.get("wish", "")))
    if wish is None or wish.status.value != "pending":
        raise NothingToSay("the request was withdrawn or answered before the mail went out")
    asker = EventStore(ctx.client).entities(ctx.record.event, Attendee).get(wish.requester)
    requester = f"{asker.name} ({asker.organization})" if asker.organization else asker.name
    message = text(ctx.lang, "request.message", message=wish.message) if wish.message else ""
    body = text(ctx.lang, "request.body", name=ctx.person.name, requester=requester, event=ctx.event_name,
                importance=text(ctx.lang, f"importance.{importance_name(wish.weight)}"), message=message,
                link=ctx.link("requests"))
    return Written(text(ctx.lang, "request.subject", requester=requester, event=ctx.event_name),
                   body + ctx.footer())


def _who(items: tuple[Attendee, ...]) -> str:
    return ", ".join(f"{a.name} ({a.organization})" if a.organization else a.name for a in items)


def _meeting_line(ctx: Context, item: AgendaItem) -> str:
    place = item.location.name or item.location.id
    if item.location.area:
        place = f"{place}, {item.location.area}"
    status = text(ctx.lang, f"status.{'proposed' if item.meeting.status is MeetingStatus.PROPOSED else 'accepted'}")
    when = f"{day_name(ctx.lang, item.start)}, {time_span(item.start, item.end)}"
    return " ".join(p for p in (f"{when}, {place}:", text(ctx.lang, "with", who=_who(item.others)), status) if p)


def _pitch_line(ctx: Context, item: PitchItem) -> str:
    place = item.room.name or item.room.id
    return f"{time_span(item.start, item.end)}, {place}: {text(ctx.lang, 'pitch', title=item.project.title)}"


def _others_of(ctx: Context, wish_id: str) -> str:
    """The other people of a request whose meeting is gone (it has no agenda item any more)."""
    wish = RequestStore(ctx.client, ctx.record.event).find(wish_id)
    ids = [p for p in wish.participants if p != ctx.person.id] if wish else []
    return _who(tuple(EventStore(ctx.client).entities(ctx.record.event, Attendee).get_many(ids))) or wish_id


def _published(ctx: Context) -> Written:
    changes: dict[str, str] = {str(k): str(v) for k, v in dict(ctx.record.data.get("changes", {})).items()}
    items = {i.meeting.id: i for i in items_of(ctx.client, ctx.record.event, ctx.person.id)}
    lines = []
    for wish_id, change in sorted(changes.items(), key=lambda c: (c[0] not in items, c[0])):
        item = items.get(wish_id)
        label = text(ctx.lang, f"change.{change}") if change in ("added", "moved", "removed") else change
        if item is not None and change != "removed" and is_live(item.meeting):
            lines.append((item.start.isoformat(), f"- {label}: {_meeting_line(ctx, item)}"))
        elif change == "removed":
            who = _who(item.others) if item is not None else _others_of(ctx, wish_id)
            lines.append(("~", f"- {label}: {text(ctx.lang, 'with', who=who)}"))
    if not lines:
        raise NothingToSay("none of the changed meetings is still there to tell about")
    body = text(ctx.lang, "published.body", name=ctx.person.name, event=ctx.event_name,
                lines="\n".join(line for _, line in sorted(lines)), link=ctx.link("agenda"))
    return Written(text(ctx.lang, "published.subject", event=ctx.event_name), body + ctx.footer())


def _daily(ctx: Context) -> Written:
    day = date.fromisoformat(str(ctx.record.data.get("day", "")))
    meetings = [(i.start, _meeting_line(ctx, i)) for i in items_of(ctx.client, ctx.record.event, ctx.person.id)
                if is_live(i.meeting) and i.start.date() == day]
    pitches = [(p.start, _pitch_line(ctx, p)) for p in pitches_of(ctx.client, ctx.record.event, ctx.person.id)
               if p.start.date() == day]
    if not meetings and not pitches:
        raise NothingToSay("nothing on the agenda that day any more")
    lines = "\n".join(f"- {line}" for _, line in sorted([*meetings, *pitches]))
    named = day_name(ctx.lang, meetings[0][0] if meetings else pitches[0][0])
    body = text(ctx.lang, "daily.body", name=ctx.person.name, day=named, lines=lines, link=ctx.link("agenda"))
    return Written(text(ctx.lang, "daily.subject", event=ctx.event_name, day=named), body + ctx.footer())


WRITERS = {"invitation": _invitation, "request": _request, "published": _published, "daily": _daily}
