"""Pitch sessions before a panel, and the projects pitched in them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PitchSession:
    id: str
    location: str
    panel: tuple[str, ...]
    slots: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class Project:
    id: str
    title: str
    presenters: tuple[str, ...]
    # None means any session.
    sessions: tuple[str, ...] | None = None
