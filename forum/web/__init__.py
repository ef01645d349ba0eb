"""The Starlette web application: server-rendered pages, JSON API, websockets."""

from forum.web.app import create_app

__all__ = ["create_app"]
