"""Settings read once from FORUM_* environment variables and then passed explicitly."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from forum.errors import InvalidInput

DEV_SECRET_KEY = "dev-only-change-me"  # `forum serve` accepts it on a loopback address only
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
DEFAULT_VALKEY_MAXMEMORY = "512mb"  # the embedded Valkey's ceiling; past it writes are refused (503), never evicted


@dataclass(frozen=True)
class SmtpServer:
    """Where mails go: `smtp://` (plain), `smtps://` (TLS from the start) or `smtp+starttls://` (upgraded
    to TLS before signing in)."""

    host: str
    port: int
    security: str = "plain"  # plain, tls, starttls
    username: str = ""
    password: str = ""


@dataclass(frozen=True)
class Settings:
    redis_url: str | None = None  # None: `forum serve` starts an embedded Valkey; see store_address for Sentinel
    redis_sentinels: tuple[str, ...] = ()  # host:port of each Sentinel; set: the primary is found through them
    redis_primary: str = "forum"  # the name the sentinels monitor the primary under
    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = DEV_SECRET_KEY
    queue_name: str = "forum"
    solver_time_limit: float = 30.0
    solver_workers: int = 2
    public_origin: str = ""  # e.g. https://forum.example.org; empty: accept the request's own origin
    # Reverse proxies whose X-Forwarded-For is believed; anyone else's is ignored (the socket peer is the client).
    trusted_proxies: tuple[Network, ...] = ()
    debug: bool = False
    # An acknowledged answer, request, organizer change or publish returns only once it is in the AOF on disk
    # (and on this many replicas' disks); past the timeout it fails as unavailable rather than pretend.
    durable_replicas: int = 0
    durable_timeout_ms: int = 1000
    log_json: bool = False  # one JSON object per log line instead of text
    metrics_token: str = ""  # bearer token that may read /metrics; empty: organizers only
    # prometheus-client's multiprocess directory, shared by the web processes of one `forum serve`
    metrics_dir: Path | None = None
    valkey_maxmemory: str = DEFAULT_VALKEY_MAXMEMORY  # Valkey's own syntax: 512mb, 2gb, 0 for no limit
    smtp: SmtpServer | None = None  # None: mails go to the organizers' outbox instead
    mail_from: str = "forum@localhost"
    mail_retry: tuple[int, ...] = (10, 30, 120, 600, 1800)  # seconds before each new try of a mail
    mail_morning_hour: int = 7  # local event time at which each event day's agenda mail goes out

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]

    @property
    def loopback(self) -> bool:
        """Whether the web app listens on this machine only (a dev secret key is tolerated there)."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    @property
    def link_origin(self) -> str:
        """Where links sent to people point: FORUM_PUBLIC_ORIGIN, else this loopback server itself; never a
        request's Host header (anyone can forge it). Empty when neither is known."""
        if self.public_origin:
            return self.public_origin.rstrip("/")
        if not self.loopback:
            return ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def _number(env: Mapping[str, str], name: str, default: float, kind: type) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return kind(raw)  # type: ignore[no-any-return]
    except ValueError:
        raise InvalidInput(f"{name} must be a number, got {raw!r}") from None


def _flag(env: Mapping[str, str], name: str) -> bool:
    return (env.get(name) or "").lower() in {"1", "true", "yes"}


def _whole(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    found = int(_number(env, name, default, int))
    if not low <= found <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}, got {found}")
    return found


def _memory(env: Mapping[str, str], name: str, default: str) -> str:
    found = (env.get(name) or default).strip().lower()
    if not re.fullmatch(r"\d{1,15}(b|k|kb|m|mb|g|gb)?", found):
        raise InvalidInput(f"{name} must be an amount of memory like 512mb or 2gb, got {found[:40]!r}")
    return found


def _networks(env: Mapping[str, str], name: str) -> tuple[Network, ...]:
    found: list[Network] = []
    for part in filter(None, (p.strip() for p in (env.get(name) or "").split(","))):
        try:
            found.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise InvalidInput(f"{name}: {part!r} is not an IP address or network (e.g. 10.0.0.0/8)") from None
    return tuple(found)


def _sentinels(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    found = tuple(filter(None, (p.strip() for p in (env.get(name) or "").split(","))))
    for part in found:
        host, _, port = part.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise InvalidInput(f"{name}: {part[:60]!r} is not host:port (e.g. 10.0.0.5:26379)")
    return found


SMTP_SCHEMES = {"smtp": ("plain", 25), "smtps": ("tls", 465), "smtp+starttls": ("starttls", 587)}


def _smtp(env: Mapping[str, str], name: str) -> SmtpServer | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    found = urlsplit(raw)
    if found.scheme not in SMTP_SCHEMES or not found.hostname:
        raise InvalidInput(f"{name} must look like smtp://user:password@host:port (or smtps://, "
                           f"smtp+starttls://), got a {found.scheme or 'schemeless'} address")
    security, default_port = SMTP_SCHEMES[found.scheme]
    try:
        port = found.port or default_port
    except ValueError:
        raise InvalidInput(f"{name}: the port must be a number from 1 to 65535") from None
    return SmtpServer(found.hostname, port, security, unquote(found.username or ""), unquote(found.password or ""))


def _seconds_list(env: Mapping[str, str], name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    parts = [p.strip() for p in raw.split(",")]
    if not all(p.isdigit() and 0 < int(p) <= 86400 for p in parts) or len(parts) > 20:
        raise InvalidInput(f"{name} must be up to 20 whole seconds (1 to 86400) separated by commas, "
                           f"e.g. 10,30,120; got {raw[:60]!r}")
    return tuple(int(p) for p in parts)


def store_address(url: str | None, sentinels: tuple[str, ...], primary: str) -> str | None:
    """Where every process finds the store: with sentinels, `sentinel://h:p,h:p/primary` (the store's clients
    ask them for the primary, and again after a failover, see forum/store/address.py), else the URL."""
    if not sentinels:
        return url
    return f"sentinel://{','.join(sentinels)}/{primary}"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from the environment; the only place that reads it."""
    env = os.environ if env is None else env
    sentinels, primary = _sentinels(env, "FORUM_REDIS_SENTINELS"), env.get("FORUM_REDIS_PRIMARY") or "forum"
    return Settings(
        redis_url=store_address(env.get("FORUM_REDIS_URL") or None, sentinels, primary),
        redis_sentinels=sentinels,
        redis_primary=primary,
        data_dir=Path(env.get("FORUM_DATA_DIR") or "var"),
        host=env.get("FORUM_HOST") or "127.0.0.1",
        port=int(_number(env, "FORUM_PORT", 8000, int)),
        secret_key=env.get("FORUM_SECRET_KEY") or DEV_SECRET_KEY,
        queue_name=env.get("FORUM_QUEUE") or "forum",
        solver_time_limit=_number(env, "FORUM_SOLVER_TIME_LIMIT", 30.0, float),
        solver_workers=int(_number(env, "FORUM_SOLVER_WORKERS", 2, int)),
        public_origin=env.get("FORUM_PUBLIC_ORIGIN") or "",
        trusted_proxies=_networks(env, "FORUM_TRUSTED_PROXIES"),
        debug=_flag(env, "FORUM_DEBUG"),
        durable_replicas=_whole(env, "FORUM_DURABLE_REPLICAS", 0, 0, 100),
        # At most 4 s: under the store client's 5 s socket timeout, so WAITAOF answers before the socket gives up.
        durable_timeout_ms=_whole(env, "FORUM_DURABLE_TIMEOUT_MS", 1000, 1, 4000),
        log_json=_flag(env, "FORUM_LOG_JSON"),
        metrics_token=env.get("FORUM_METRICS_TOKEN") or "",
        # prometheus-client reads this very name itself, so it keeps it rather than a FORUM_ one
        metrics_dir=Path(env["PROMETHEUS_MULTIPROC_DIR"]) if env.get("PROMETHEUS_MULTIPROC_DIR") else None,
        valkey_maxmemory=_memory(env, "FORUM_VALKEY_MAXMEMORY", DEFAULT_VALKEY_MAXMEMORY),
        smtp=_smtp(env, "FORUM_SMTP_URL"),
        mail_from=env.get("FORUM_MAIL_FROM") or "forum@localhost",
        mail_retry=_seconds_list(env, "FORUM_MAIL_RETRY", (10, 30, 120, 600, 1800)),
        mail_morning_hour=_whole(env, "FORUM_MAIL_MORNING_HOUR", 7, 0, 23),
    )
