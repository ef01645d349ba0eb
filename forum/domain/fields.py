"""Typed reads of JSON fields that fail with a FormatError naming the field."""

from __future__ import annotations

from typing import Any

from forum.domain.times import Window, parse_local
from forum.errors import FormatError


def obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FormatError(path, "must be an object")
    return value


def items(doc: dict[str, Any], key: str, path: str, required: bool = False) -> list[Any]:
    if key not in doc or doc[key] is None:
        if required:
            raise FormatError(f"{path}{key}", "is missing")
        return []
    value = doc[key]
    if not isinstance(value, list):
        raise FormatError(f"{path}{key}", "must be a list")
    return value


def text(doc: dict[str, Any], key: str, path: str, default: str | None = None) -> str:
    value = doc.get(key, default)
    if value is None:
        raise FormatError(f"{path}.{key}", "is missing")
    if not isinstance(value, str):
        raise FormatError(f"{path}.{key}", "must be a string")
    return value


def ident(doc: dict[str, Any], key: str, path: str) -> str:
    value = text(doc, key, path)
    if not value.strip():
        raise FormatError(f"{path}.{key}", "must be a non-empty id")
    return value


def ids(doc: dict[str, Any], key: str, path: str, optional: bool = False) -> tuple[str, ...] | None:
    if key not in doc or doc[key] is None:
        return None if optional else ()
    value = doc[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise FormatError(f"{path}.{key}", "must be a list of ids")
    return tuple(value)


def integer(doc: dict[str, Any], key: str, path: str, minimum: int = 0) -> int | None:
    value = doc.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FormatError(f"{path}.{key}", "must be an integer")
    if value < minimum:
        raise FormatError(f"{path}.{key}", f"must be at least {minimum}")
    return value


def boolean(doc: dict[str, Any], key: str, path: str) -> bool:
    value = doc.get(key, False)
    if not isinstance(value, bool):
        raise FormatError(f"{path}.{key}", "must be true or false")
    return value


def window(value: Any, path: str) -> Window:
    doc = obj(value, path)
    try:
        start = parse_local(text(doc, "start", path))
    except ValueError as exc:
        raise FormatError(f"{path}.start", f"is not a local date-time like 2026-03-24T09:00 ({exc})") from None
    try:
        end = parse_local(text(doc, "end", path))
    except ValueError as exc:
        raise FormatError(f"{path}.end", f"is not a local date-time like 2026-03-24T09:00 ({exc})") from None
    if end <= start:
        raise FormatError(path, f"ends ({end:%Y-%m-%dT%H:%M}) before it starts ({start:%Y-%m-%dT%H:%M})")
    return Window(start, end)


def windows(doc: dict[str, Any], key: str, path: str) -> tuple[Window, ...] | None:
    if key not in doc or doc[key] is None:
        return None
    if not isinstance(doc[key], list):
        raise FormatError(f"{path}.{key}", "must be a list of {start, end} windows")
    return tuple(window(w, f"{path}.{key}[{i}]") for i, w in enumerate(doc[key]))


def unique(values: list[str], path: str) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise FormatError(f"{path}[{i}].id", f"duplicate id {value!r}")
        seen.add(value)
