"""Entry point for `uvicorn --factory forum.web.asgi:app_from_environment` (extra web processes)."""

from __future__ import annotations

from starlette.applications import Starlette

from forum.config import load_settings
from forum.services.logs import configure_logging
from forum.web.app import create_app


def app_from_environment() -> Starlette:
    settings = load_settings()
    configure_logging(settings, "web")  # after uvicorn's own set-up, so its loggers write our lines
    return create_app(settings)
