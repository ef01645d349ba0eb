"""Reading input files for the command line with errors that say what is wrong."""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from forum.domain.json_text import load_json
from forum.errors import InvalidInput

MAX_FILE = 256 * 1024 * 1024  # an 11,000-delegate event is a few MB; a bigger file is not one of ours


def read_text(path: str, max_bytes: int = MAX_FILE) -> str:
    try:
        if Path(path).stat().st_size > max_bytes:  # refused before it is read into memory
            raise InvalidInput(f"{path}: is too large: at most {max_bytes // (1024 * 1024)} MB")
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: is not UTF-8 text") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({exc.strerror})") from None


def read_json(path: str) -> Any:
    """The parsed file; a file that is not JSON or nests too deeply is refused with a sentence naming it."""
    return load_json(read_text(path), path, MAX_FILE)


def write_text_atomic(path: str, text: str) -> None:
    """Write `path` whole or not at all: a temporary file beside it, fsynced, then renamed over it."""
    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be written ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise InvalidInput(f"{path}: cannot be written ({exc.strerror})") from None


def day_argument(text: str) -> date:
    """A command-line date like 2026-03-24 (argparse reports the sentence and exits 2)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-03-24, got {text[:40]!r}") from None
