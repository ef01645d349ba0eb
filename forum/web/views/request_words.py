"""A request's state, the published schedule's reason for leaving it out, and what would help, in words.

The sentences are keys of the locale catalogues (English text with %(name)s fields), filled in here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from forum.domain import Attendee, WhyCode
from forum.services.attendees.reasons import Reason, Span, Standing, State
from forum.services.attendees.suggestions import AskColleague, Suggestion, Widen

Translate = Callable[[str], str]

STATES = {
    State.WAITING: "Waiting for an answer", State.ACCEPTED: "Accepted, waiting for a time",
    State.PROPOSED: "Proposed", State.SCHEDULED: "Scheduled", State.LEFT_OUT: "Not in the published schedule",
    State.DECLINED: "Declined", State.CANCELLED: "Meeting cancelled", State.WITHDRAWN: "Withdrawn",
}
# Reasons about the viewer, about the people named in it, or about the person asked.
ABOUT_YOU = {
    WhyCode.CAP_TOTAL: "you have reached your limit of %(n)s meetings",
    WhyCode.CAP_DAY: "your days are full (%(n)s meetings a day)",
    WhyCode.LOST_TO_OTHERS: "your free time went to other meetings",
}
ABOUT_THEM = {
    WhyCode.CAP_TOTAL: "%(who)s has reached the limit of %(n)s meetings",
    WhyCode.CAP_DAY: "%(who)s's days are full (%(n)s meetings a day)",
    WhyCode.LOST_TO_OTHERS: "%(who)s's free time went to other meetings",
    WhyCode.NO_COMMON_TIME: "%(everyone)s have no free time in common",
}
ABOUT_TARGET = {
    WhyCode.PITCH_CLASH: "every time you share with %(target)s clashes with a pitch or panel session",
    WhyCode.TIME_LIMIT: "the last schedule run ended before it could place this meeting; the next run may",
    WhyCode.CANCELLED: "the last schedule run was stopped before it could place this meeting; the next run may",
    WhyCode.TABLES_FULL: "every table is taken at the times you share with %(target)s",
    WhyCode.LOST_TO_OTHERS: "the times you share with %(target)s went to other meetings",
}
WITH_TIMES = {
    WhyCode.NO_COMMON_TIME: "%(everyone)s are free together only on %(times)s, outside the days you chose",
    WhyCode.TABLES_FULL: "you and %(target)s are both free only on %(times)s, when every table is taken",
}
OWN = {  # (code, the viewer made the request)
    (WhyCode.LOST_TO_OWN_MUST, True): "a must-meet request of yours took the time you share with %(target)s",
    (WhyCode.LOST_TO_OWN_MUST, False): "a must-meet request of %(requester)s took the time you share with %(target)s",
    (WhyCode.LOST_TO_OWN, True): "your other meetings took the times you share with %(target)s",
    (WhyCode.LOST_TO_OWN, False): "%(requester)s's other meetings took the times you share with %(target)s",
}
UNKNOWN = "the published schedule could not place it"
# A cap of one reads "one meeting", in both languages: the catalogue has these sentences too.
ONE = {
    "you have reached your limit of %(n)s meetings": "you have reached your limit of one meeting",
    "your days are full (%(n)s meetings a day)": "your days are full (one meeting a day)",
    "%(who)s has reached the limit of %(n)s meetings": "%(who)s has reached the limit of one meeting",
    "%(who)s's days are full (%(n)s meetings a day)": "%(who)s's days are full (one meeting a day)",
}


@dataclass(frozen=True)
class HelpLine:
    text: str
    href: str = ""  # a profile to open, for a colleague to ask


def names(people: tuple[Attendee, ...] | list[str], _: Translate) -> str:
    words = [p.name if isinstance(p, Attendee) else p for p in people]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " " + _("and") + " " + words[-1]


def day_name(day: date, _: Translate) -> str:
    return _(day.strftime("%A"))


def times(found: tuple[Span, ...], _: Translate) -> str:
    return names([f"{day_name(s.day, _)} {s.start:%H:%M}–{s.end:%H:%M}" for s in found], _)


def reason_words(reason: Reason | None, target: Attendee, viewer: str, _: Translate) -> str:
    """The reason as one sentence in the viewer's language."""
    if reason is None:
        return _(UNKNOWN)
    fields = {"who": names(reason.people, _), "everyone": names([*(a.name for a in reason.people), _("you")], _),
              "n": str(reason.limit), "target": target.name,
              "requester": reason.requester.name, "times": times(reason.times, _)}
    code = reason.code
    if (code, reason.requester.id == viewer) in OWN:
        text = OWN[(code, reason.requester.id == viewer)]
    elif code in WITH_TIMES and reason.times:
        text = WITH_TIMES[code]
    elif code in ABOUT_THEM and reason.people:
        text = ABOUT_THEM[code]
    elif code in ABOUT_YOU and reason.about_you:
        text = ABOUT_YOU[code]
    else:
        text = ABOUT_TARGET.get(code, UNKNOWN)
    if reason.limit == 1:
        text = ONE.get(text, text)
    return _(text) % fields


def help_words(found: Suggestion, event: str, _: Translate) -> HelpLine:
    if isinstance(found, AskColleague):
        days = names([day_name(d, _) for d in found.days], _)
        text = _("a colleague of %(target)s (%(name)s, same company) has free slots on %(days)s")
        return HelpLine(text % {"target": found.of.name, "name": found.colleague.name, "days": days},
                        f"/e/{event}/people/{found.colleague.id}")
    return HelpLine(_widen_words(found, _))


def _widen_words(found: Widen, _: Translate) -> str:
    n = len(found.places)
    slots = _("one possible slot") if n == 1 else _("%(n)s possible slots") % {"n": n}
    when = day_name(found.day, _)
    if found.limit == "days":
        return _("asking again with %(day)s among your preferred days would give %(slots)s") % {
            "day": when, "slots": slots}
    half = _("afternoon") if found.afternoon else _("morning")
    return _("widening your availability to %(day)s %(half)s would give %(slots)s") % {
        "day": when, "half": half, "slots": slots}


@dataclass(frozen=True)
class RequestLine:
    """What the page says about one request besides who and when."""

    state: str
    state_class: str
    reason: str = ""
    help: tuple[HelpLine, ...] = ()
    help_link: str = ""  # where what would help is looked for (the person page), when not here


def request_line(standing: Standing, target: Attendee, viewer: str, event: str, _: Translate) -> RequestLine:
    reason = ""
    if standing.left_out:
        reason = sentence(reason_words(standing.reason, target, viewer, _))
    helps = tuple(HelpLine(sentence(h.text), h.href) for h in (help_words(s, event, _) for s in standing.help))
    link = f"/e/{event}/people/{target.id}#why" if standing.may_help else ""
    return RequestLine(_(STATES[standing.state]), standing.state.value, reason, helps, link)


def sentence(text: str) -> str:
    """A capital first letter and a full stop (the catalogue keeps clauses lower-case to fit in sentences)."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
