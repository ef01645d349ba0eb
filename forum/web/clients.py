"""Who is at the other end: the socket peer, or the client a configured reverse proxy says it forwarded."""

from __future__ import annotations

import ipaddress

from starlette.requests import HTTPConnection

from forum.config import Network, Settings

HOP_MAX = 64  # characters of one X-Forwarded-For entry kept; addresses are shorter


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(conn: HTTPConnection, settings: Settings) -> str:
    """The client's IP address. X-Forwarded-For is read only when the peer is one of FORUM_TRUSTED_PROXIES
    (anyone else could write any address there and get a fresh sign-in budget with each request); then the
    nearest hop that is not a trusted proxy is the client."""
    peer = conn.client.host if conn.client else ""
    if not _trusted(peer, settings.trusted_proxies):
        return peer or "unknown"
    hops = [h.strip()[:HOP_MAX] for h in ",".join(conn.headers.getlist("x-forwarded-for")).split(",") if h.strip()]
    for hop in reversed(hops):  # each trusted proxy appended the address it heard from
        if not _trusted(hop, settings.trusted_proxies):
            return hop
    return hops[0] if hops else peer
