"""How many wrong access codes are allowed, and from where: failures per client network and per event.

Only failures count, so thousands of attendees behind one venue NAT all sign in; the arithmetic is in the
README (Security → Sign-in limits).
"""

from __future__ import annotations

import ipaddress

from forum.store.attempts import Budget

NETWORK_FAILURES = 100  # per client network (IPv4 address, IPv6 /64) and event, per window
NETWORK_WINDOW = 15 * 60
EVENT_FAILURES = 2000  # per event from everywhere, per window: what bounds a guesser with many addresses
EVENT_WINDOW = 60 * 60
EVENT_SCOPE = "event"


def network_of(address: str) -> str:
    """The client network a failure counts against: an IPv4 address, an IPv6 /64 (one subscriber gets a whole
    /64, so single addresses would be free), or `other` for what is not an IP address."""
    try:
        ip = ipaddress.ip_address(address[:64])
    except ValueError:
        return "other"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address):
        return str(ip)
    return str(ipaddress.IPv6Network((ip, 64), strict=False))


def budgets(address: str) -> list[Budget]:
    return [Budget(f"net:{network_of(address)}", NETWORK_FAILURES, NETWORK_WINDOW),
            Budget(EVENT_SCOPE, EVENT_FAILURES, EVENT_WINDOW)]


def refusal(spent: list[Budget]) -> str:
    """What to tell the person refused, by the budget that is spent."""
    if any(b.scope == EVENT_SCOPE for b in spent):
        return ("Signing in with access codes is paused for this event for up to an hour after too many wrong "
                "codes. Use the personal link from your invitation, or ask the forum desk.")
    return ("Too many wrong access codes from your network. Please wait 15 minutes, or use the personal link "
            "from your invitation.")
