"""`create_app(settings)`: routes, templates, error handlers and a lifespan that owns connections."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from forum.config import Settings
from forum.errors import Unavailable
from forum.store import EventStore, connect
from forum.web import api_runs, live, organizer, pages, signin_pages
from forum.web.attendee import routes as attendee_routes
from forum.web.errors import exception_handlers

HERE = Path(__file__).parent


def create_app(settings: Settings) -> Starlette:
    if settings.redis_url is None:
        raise Unavailable("the web app needs FORUM_REDIS_URL (forum serve sets it for the embedded Valkey)")
    redis_url = settings.redis_url

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        client = connect(redis_url)
        app.state.redis = client
        app.state.store = EventStore(client)
        await live.start_live(app, redis_url)
        try:
            yield
        finally:
            await live.stop_live(app)
            client.close()

    app = Starlette(
        debug=settings.debug,
        routes=[
            Route("/", pages.event_list, name="events"),
            Route("/healthz", pages.healthz, name="healthz"),
            *signin_pages.routes,
            *attendee_routes,
            *organizer.routes,
            *live.routes,
            *api_runs.routes,
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        exception_handlers=exception_handlers(),  # type: ignore[arg-type]
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    return app
