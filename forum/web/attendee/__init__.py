"""Attendee pages: directory, profiles, meeting requests, answers, agenda, calendar feed, print."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from forum.web.attendee import agenda, answers, directory, floor, ics, mail_prefs, requests, triage

routes: list[BaseRoute] = [
    Route("/e/{event}/agenda", agenda.my_agenda, name="agenda"),
    Route("/e/{event}/agenda/print", agenda.printable, name="agenda_print"),
    Route("/e/{event}/agenda.ics", ics.download, name="agenda_ics"),
    Route("/e/{event}/calendar/{key}.ics", ics.subscription, name="calendar_feed"),
    Route("/e/{event}/people", directory.people, name="people"),
    Route("/e/{event}/people/{attendee}", directory.profile, name="person"),
    Route("/e/{event}/requests", requests.my_requests, methods=["GET"], name="requests"),
    Route("/e/{event}/requests", requests.ask, methods=["POST"]),
    Route("/e/{event}/requests/{wish}/withdraw", requests.withdraw, methods=["POST"], name="withdraw"),
    Route("/e/{event}/requests/{wish}/reopen", requests.reopen, methods=["POST"], name="reopen"),
    Route("/e/{event}/requests/{wish}/answer", answers.answer_request, methods=["POST"], name="answer_request"),
    Route("/e/{event}/meetings/{meeting}/answer", answers.answer_meeting, methods=["POST"], name="answer_meeting"),
    Route("/e/{event}/meetings/{meeting}/checkin", floor.check_in, methods=["POST"], name="check_in"),
    Route("/e/{event}/offers/{offer}/take", floor.take_offer, methods=["POST"], name="take_offer"),
    Route("/e/{event}/offers/{offer}/pass", floor.pass_offer, methods=["POST"], name="pass_offer"),
    Route("/e/{event}/meetings/{meeting}/undo", triage.undo, methods=["POST"], name="undo_decline"),
    Route("/e/{event}/requests/decline", triage.decline_many, methods=["POST"], name="decline_requests"),
    Route("/e/{event}/requests/{wish}/shortlist", triage.shortlist, methods=["POST"], name="shortlist"),
    *mail_prefs.routes,
]
