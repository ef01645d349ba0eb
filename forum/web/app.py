"""`create_app(settings)`: routes, templates, error handlers, security headers and a lifespan that owns connections."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp

from forum.config import Settings
from forum.errors import Unavailable
from forum.services.connections import close_store, open_store
from forum.services.runs.registry import open_queue
from forum.web import install, live, metrics, organizer, pages, signin_pages
from forum.web.attendee import routes as attendee_routes
from forum.web.errors import exception_handlers
from forum.web.instrument import Instrument
from forum.web.security import SecurityHeaders

HERE = Path(__file__).parent
log = logging.getLogger("forum.web")


class ForumApp(Starlette):
    def build_middleware_stack(self) -> ASGIApp:
        # Outside Starlette's whole stack, so that even its last-resort 500 answer carries the headers.
        return SecurityHeaders(Instrument(super().build_middleware_stack()))


def routes() -> list[BaseRoute]:
    return [
        Route("/", pages.event_list, name="events"),
        Route("/healthz", pages.healthz, name="healthz"),
        Route("/metrics", metrics.endpoint, name="metrics"),
        *signin_pages.routes,
        *install.routes,
        *attendee_routes,
        *organizer.routes,
        *organizer.api_routes,
        *live.routes,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


def create_app(settings: Settings) -> Starlette:
    """The app; nothing is connected until its lifespan starts (a web process opens each connection once)."""
    if settings.redis_url is None:
        raise Unavailable("the web app needs FORUM_REDIS_URL (forum serve sets it for the embedded Valkey)")
    redis_url = settings.redis_url

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.client = open_store(redis_url, settings)
        app.state.jobs = open_queue(redis_url, settings.queue_name)
        await live.start_live(app, redis_url)
        log.info("web process %d ready", os.getpid())
        try:
            yield
        finally:
            log.info("web process %d stopping", os.getpid())
            await live.stop_live(app)
            app.state.jobs.close()
            close_store(app.state.client)

    app = ForumApp(debug=settings.debug, routes=routes(), lifespan=lifespan,
                   exception_handlers=exception_handlers())  # type: ignore[arg-type]
    app.state.settings = settings
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    return app
