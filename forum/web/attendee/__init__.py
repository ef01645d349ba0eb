"""Attendee pages: directory, profiles, meeting requests, answers, agenda, calendar feed, print."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from forum.web.attendee import agenda, answers, directory, ics, requests

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
]
