"""Fixtures of the system tests: a Valkey of the test's own for the fault tests (they kill it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.system.faults import OwnValkey


@pytest.fixture
def own_valkey(tmp_path: Path) -> Iterator[OwnValkey]:
    valkey = OwnValkey(tmp_path / "valkey").start()
    yield valkey
    valkey.stop()
