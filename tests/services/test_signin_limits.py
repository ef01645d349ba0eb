"""Which network a failed sign-in counts against: IPv4 addresses, IPv6 /64s, everything else one bucket."""

from __future__ import annotations

import pytest

from forum.services.signin.limits import EVENT_SCOPE, budgets, network_of


@pytest.mark.parametrize(("one", "other"), [
    ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe"),  # one subscriber's /64
    ("::ffff:203.0.113.5", "203.0.113.5"),  # IPv4 seen through an IPv6 socket
    ("testclient", "not an address"),
])
def test_network_of_same_network_same_bucket(one: str, other: str) -> None:
    assert network_of(one) == network_of(other)


@pytest.mark.parametrize(("one", "other"), [
    ("2001:db8:1:2::1", "2001:db8:1:3::1"),
    ("203.0.113.5", "203.0.113.6"),  # IPv4 by address: a venue NAT is one address, its neighbour another
])
def test_network_of_other_network_other_bucket(one: str, other: str) -> None:
    assert network_of(one) != network_of(other)


def test_network_of_is_bounded() -> None:
    assert len(network_of("9" * 100_000)) < 60
    assert len(network_of("2001:db8::1")) < 60


def test_budgets_per_network_and_per_event() -> None:
    scopes = [b.scope for b in budgets("2001:db8:1:2::1")]
    assert scopes == ["net:2001:db8:1:2::/64", EVENT_SCOPE]
