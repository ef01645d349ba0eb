"""The installable app's routes: service worker, manifest, offline page, the agenda's hooks, sign-out's wipe."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from forum.config import Settings
from forum.store import EventStore
from forum.web import create_app
from forum.web.install import STATIC, VERSION_MARK, assets_version, version_of
from forum.web.security import CSP
from tests.factories import tiny_instance
from tests.web.organizer.conftest import SECRET, sign_in


@pytest.fixture
def web(redis_url: str, store: EventStore) -> Iterator[TestClient]:
    store.import_instance(tiny_instance())
    with TestClient(create_app(Settings(redis_url=redis_url, secret_key=SECRET))) as client:
        yield client


def assert_secured(response: httpx.Response) -> None:
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_service_worker_served_from_root_as_javascript(web: TestClient) -> None:
    response = web.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["service-worker-allowed"] == "/"
    assert_secured(response)
    assert VERSION_MARK not in response.text
    assert f'var VERSION = "{assets_version()}";' in response.text


def test_service_worker_version_changes_with_an_asset(tmp_path: Path) -> None:
    css = tmp_path / "static" / "a.css"
    css.parent.mkdir()
    css.write_text("body { color: red; }")
    before = version_of(tmp_path, [css])
    assert version_of(tmp_path, [css]) == before  # the same bytes: the same version, no needless reinstall
    css.write_text("body { color: blue; }")
    assert re.fullmatch(r"[0-9a-f]{16}", before) and version_of(tmp_path, [css]) != before


def test_manifest_is_json_with_what_installing_needs(web: TestClient) -> None:
    response = web.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    assert_secured(response)
    found = response.json()
    assert found["name"] == found["short_name"] == "forum"
    assert found["start_url"] == "/" and found["scope"] == "/" and found["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", found["theme_color"])
    sizes = {icon["sizes"] for icon in found["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in found["icons"]:
        side = int(icon["sizes"].split("x")[0])
        assert png_size(STATIC / icon["src"].removeprefix("/static/")) == (side, side)
        assert web.get(icon["src"]).headers["content-type"] == "image/png"


def test_manifest_starts_at_the_events_home_in_french(web: TestClient) -> None:
    found = web.get("/manifest.webmanifest?event=tiny", headers={"accept-language": "fr"}).json()
    assert found["start_url"] == "/e/tiny" and found["lang"] == "fr"
    assert "sans réseau" in found["description"]


@pytest.mark.parametrize("event", ["../admin", "x" * 101, "tiny/agenda", "tiny?x=1"])
def test_manifest_refuses_an_event_that_is_no_event_id(web: TestClient, event: str) -> None:
    response = web.get("/manifest.webmanifest", params={"event": event})
    assert response.status_code == 400 and "letters, digits" in response.text


def test_offline_page_names_nobody_and_leads_to_the_agenda(web: TestClient, store: EventStore) -> None:
    sign_in(web, store, "tiny", "a1")
    response = web.get("/offline")
    assert response.status_code == 200
    assert_secured(response)
    assert "No connection" in response.text and "data-agenda-link" in response.text
    assert "Ada Buyer" not in response.text and 'name="csrf"' not in response.text
    assert "Pas de connexion" in web.get("/offline?lang=fr").text


def test_agenda_links_manifest_worker_and_a_translated_banner(web: TestClient, store: EventStore) -> None:
    sign_in(web, store, "tiny", "a1")
    page = web.get("/e/tiny/agenda?lang=fr").text
    assert '<link rel="manifest" href="/manifest.webmanifest?event=tiny">' in page
    assert re.search(r'<script src="[^"]*/static/offline\.js" defer>', page)
    # The worker marks its kept copy by rewriting the first data-served="network": it must be the banner's.
    assert page.count('data-served="network"') == 1
    banner = re.search(r'<p id="offline-banner"[^>]*>', page)
    assert banner and 'data-served="network"' in banner[0] and " hidden " in banner[0]
    assert 'data-text="Hors ligne, mis à jour à {time}"' in banner[0]


def test_signout_answer_clears_the_sites_storage(web: TestClient, store: EventStore) -> None:
    csrf = sign_in(web, store, "tiny", "a1")
    assert "clear-site-data" not in web.get("/e/tiny/agenda").headers  # pages never wipe anything
    response = web.post("/signout", data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["clear-site-data"] == '"storage"'


def test_signout_refused_without_csrf_clears_nothing(web: TestClient, store: EventStore) -> None:
    sign_in(web, store, "tiny", "a1")
    response = web.post("/signout", data={"csrf": "forged"}, follow_redirects=False)
    assert response.status_code == 403 and "clear-site-data" not in response.headers
