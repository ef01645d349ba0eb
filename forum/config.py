"""Settings read once from FORUM_* environment variables and then passed explicitly."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from forum.errors import InvalidInput


@dataclass(frozen=True)
class Settings:
    redis_url: str | None = None  # None: `forum serve` starts an embedded Valkey
    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = "dev-only-change-me"
    queue_name: str = "forum"
    solver_time_limit: float = 30.0
    solver_workers: int = 2
    public_origin: str = ""  # e.g. https://forum.example.org; empty: accept the request's own origin
    debug: bool = False

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


def _number(env: Mapping[str, str], name: str, default: float, kind: type) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return kind(raw)  # type: ignore[no-any-return]
    except ValueError:
        raise InvalidInput(f"{name} must be a number, got {raw!r}") from None


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from the environment; the only place that reads it."""
    env = os.environ if env is None else env
    return Settings(
        redis_url=env.get("FORUM_REDIS_URL") or None,
        data_dir=Path(env.get("FORUM_DATA_DIR") or "var"),
        host=env.get("FORUM_HOST") or "127.0.0.1",
        port=int(_number(env, "FORUM_PORT", 8000, int)),
        secret_key=env.get("FORUM_SECRET_KEY") or "dev-only-change-me",
        queue_name=env.get("FORUM_QUEUE") or "forum",
        solver_time_limit=_number(env, "FORUM_SOLVER_TIME_LIMIT", 30.0, float),
        solver_workers=int(_number(env, "FORUM_SOLVER_WORKERS", 2, int)),
        public_origin=env.get("FORUM_PUBLIC_ORIGIN") or "",
        debug=(env.get("FORUM_DEBUG") or "").lower() in {"1", "true", "yes"},
    )
