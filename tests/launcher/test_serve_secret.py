"""`forum serve` refuses a public address with the development (or a short) secret key; loopback only warns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forum.config import DEV_SECRET_KEY, Settings
from forum.launcher.serve import secret_refusal, weak_secret
from forum.launcher.valkey import free_port

STRONG = "k" * 43


@pytest.mark.parametrize("secret", [None, "", "short-secret"])
def test_serve_refuses_weak_secret_on_public_host(tmp_path: Path, secret: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_DATA_DIR"] = str(tmp_path / "var")
    if secret is not None:
        env["FORUM_SECRET_KEY"] = secret
    done = subprocess.run([sys.executable, "-m", "forum", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "refusing to listen on 0.0.0.0" in done.stderr and "FORUM_SECRET_KEY" in done.stderr
    assert not (tmp_path / "var").exists()  # refused before an embedded Valkey or a worker was started


@pytest.mark.parametrize(("key", "weak"), [(DEV_SECRET_KEY, True), ("x" * 31, True), (STRONG, False)])
def test_weak_secret_named(key: str, weak: bool) -> None:
    assert bool(weak_secret(key)) is weak


@pytest.mark.parametrize(("host", "key", "refused"), [
    ("0.0.0.0", DEV_SECRET_KEY, True), ("192.0.2.10", "short", True), ("::", DEV_SECRET_KEY, True),
    ("0.0.0.0", STRONG, False), ("127.0.0.1", DEV_SECRET_KEY, False), ("localhost", DEV_SECRET_KEY, False),
    ("::1", DEV_SECRET_KEY, False),
])
def test_secret_refusal_only_off_loopback(host: str, key: str, refused: bool) -> None:
    assert bool(secret_refusal(Settings(host=host, secret_key=key))) is refused
