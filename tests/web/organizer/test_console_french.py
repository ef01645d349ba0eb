"""The console in French as well as English: `?lang=` (remembered in a cookie) or the browser's languages,
and no English text written outside `_()` in the organizer templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from forum.store import EventStore

Org = tuple[TestClient, str]
TEMPLATES = Path(__file__).parents[3] / "forum" / "web" / "templates" / "organizer"
# Text that is the same in both languages: file formats, commands, units, ids.
SAME_IN_BOTH = {"forum-instance/1", "forum-schedule/1", "JSON", "forum check", "s", "area: count",
                "Title | presenter ids", "forum"}
PAGES = ("", "/setup", "/attendees", "/runs", "/meetings", "/left-out", "/exports", "/exports/sheets")


def _visible_text(template: str) -> list[str]:
    """The words a template writes itself, outside Jinja tags and HTML markup."""
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", template, flags=re.S)
    text = re.sub(r"<[^>]*>", "\n", text)
    pieces = [p.strip(" ·:;,.()[]—–…→↔≤%|\t") for p in text.split("\n")]
    return [p for p in pieces if re.search(r"[A-Za-z]{2,}", p) and p not in SAME_IN_BOTH]


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_organizer_template_writes_no_english_outside_the_translator(name: str) -> None:
    assert _visible_text((TEMPLATES / name).read_text("utf-8")) == []


@pytest.mark.parametrize("path", PAGES)
def test_console_page_in_french_when_asked_and_remembered(organizer: Org, path: str) -> None:
    client, _ = organizer
    page = client.get(f"/e/tiny/organizer{path}?lang=fr")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert ">Tableau de bord</a>" in page.text and ">Dashboard</a>" not in page.text
    assert 'hreflang="en"' in page.text  # the switch back
    again = client.get(f"/e/tiny/organizer{path}")
    assert '<html lang="fr">' in again.text  # the cookie keeps the choice


def test_console_in_english_by_default_and_from_the_browser(organizer: Org, events: EventStore) -> None:
    client, _ = organizer
    assert ">Dashboard</a>" in client.get("/e/tiny/organizer").text
    page = client.get("/e/tiny/organizer/runs", headers={"accept-language": "fr-CA,fr;q=0.8"})
    assert ">Calculs du planning<" in page.text or "Calculs du planning" in page.text


def test_console_confirmation_in_french(organizer: Org) -> None:
    client, csrf = organizer
    client.get("/e/tiny/organizer?lang=fr")
    page = client.post("/e/tiny/organizer/meetings/w1/state", data={"csrf": csrf, "action": "cancel"})
    assert "Annuler le rendez-vous w1 ?" in page.text and "Revenir sans rien changer" in page.text
