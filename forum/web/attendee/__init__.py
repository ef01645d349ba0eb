"""Attendee pages: directory, profiles, meeting requests, answers, agenda, calendar feed, print."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
