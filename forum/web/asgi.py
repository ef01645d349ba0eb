"""Entry point for `uvicorn --factory forum.web.asgi:app_from_environment` (extra web processes)."""

from __future__ import annotations

from starlette.applications import Starlette

from forum.config import load_settings
from forum.web.app import create_app


def app_from_environment() -> Starlette:
    return create_app(load_settings())
