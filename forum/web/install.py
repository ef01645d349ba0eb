"""The installable app for phones: the service worker that keeps the agenda offline, the manifest, the offline page."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from forum.errors import InvalidInput
from forum.services.signin.access import EVENT_ID
from forum.web import i18n
from forum.web.render import page

HERE = Path(__file__).parent
STATIC = HERE / "static"
VERSION_MARK = "__FORUM_ASSETS__"
# What the offline copy is built from besides the static files: a change to any of them is a new version.
SHELL_SOURCES = ("templates/offline.html", "templates/base.html", "locales/fr_offline.py")
THEME = "#1b1b1f"  # the header's colour (forum.css --ink)
BACKGROUND = "#fafafa"
ICON_SIZES = (192, 512)


def version_of(root: Path, files: list[Path]) -> str:
    """16 hex digits that change when any of `files` (under `root`) changes, is renamed, added or removed."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def assets_version() -> str:
    """The version of every static file and of the offline page's sources (read once per process)."""
    files = [path for path in STATIC.rglob("*") if path.is_file() and path.name != "sw.js"]
    return version_of(HERE, [*files, *(HERE / name for name in SHELL_SOURCES)])


@functools.cache
def worker_script() -> str:
    """sw.js with the assets' version written in: a changed asset changes the worker's bytes, so browsers
    install the new worker and it drops the previous static cache."""
    return (STATIC / "sw.js").read_text(encoding="utf-8").replace(VERSION_MARK, assets_version())


async def service_worker(request: Request) -> Response:
    # Served from the root so that its scope covers /e/ pages and sees the sign-in and sign-out forms.
    return Response(worker_script(), media_type="text/javascript", headers={"Service-Worker-Allowed": "/"})


def _start_url(request: Request) -> str:
    """The event's home (its agenda, once signed in) when the page linking the manifest says which event."""
    event = request.query_params.get("event", "")
    if not event:
        return "/"
    if not EVENT_ID.fullmatch(event):
        raise InvalidInput("The event in the manifest address must be letters, digits, '.', '_' or '-' "
                           "(at most 100).")
    return f"/e/{event}"


async def manifest(request: Request) -> Response:
    lang = i18n.choose(request)
    _ = i18n.translator(lang)
    # The drawing keeps to the middle 60 %: the same files serve launchers that crop icons to a shape.
    icons = [{"src": f"/static/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": purpose} for purpose in ("any", "maskable") for size in ICON_SIZES]
    body = {
        "name": "forum", "short_name": "forum", "lang": lang,
        "description": _("Your meetings and agenda at the market, also without a network."),
        "start_url": _start_url(request), "scope": "/", "display": "standalone",
        "theme_color": THEME, "background_color": BACKGROUND, "icons": icons,
    }
    return JSONResponse(body, media_type="application/manifest+json")


async def offline_page(request: Request) -> Response:
    """What the service worker shows for a page it has no copy of when the network fails (kept by the worker,
    so it names nobody)."""
    return page(request, "offline.html", {})


routes = [
    Route("/sw.js", service_worker, name="service_worker"),
    Route("/manifest.webmanifest", manifest, name="manifest"),
    Route("/offline", offline_page, name="offline"),
]
