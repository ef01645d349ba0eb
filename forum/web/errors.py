"""One place that maps ForumError (and stray failures) to HTTP answers a person understands."""

from __future__ import annotations

import logging
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from forum.errors import ForumError, SignInRequired
from forum.store.connection import StoreError

log = logging.getLogger("forum.web")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _answer(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


async def forum_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ForumError)
    if isinstance(exc, SignInRequired) and not _wants_json(request) and request.method == "GET":
        return RedirectResponse(f"/signin?next={quote(request.url.path)}", status_code=303)
    return _answer(request, exc.status, exc.message)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _answer(request, exc.status_code, str(exc.detail))


async def redis_error(request: Request, exc: Exception) -> Response:
    log.error("store unavailable: %s", exc)
    return _answer(request, 503, "The schedule store is unavailable right now; please try again shortly.")


async def unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return _answer(request, 500, "Something went wrong on our side; it has been logged.")


def exception_handlers() -> dict[object, object]:
    return {
        ForumError: forum_error,
        HTTPException: http_error,
        StoreError: redis_error,
        Exception: unexpected,
    }
