"""Settings from the environment: trusted proxies, and where links point (never a request's Host header)."""

from __future__ import annotations

import ipaddress

import pytest

from forum.config import Settings, load_settings
from forum.errors import InvalidInput
from forum.store.address import parse_sentinels


def test_trusted_proxies_default_none() -> None:
    assert load_settings({}).trusted_proxies == ()


def test_trusted_proxies_parsed_as_networks() -> None:
    found = load_settings({"FORUM_TRUSTED_PROXIES": " 10.0.0.0/8, 192.0.2.1 ,2001:db8::/48,"}).trusted_proxies
    assert found == (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("192.0.2.1/32"),
                     ipaddress.ip_network("2001:db8::/48"))


def test_trusted_proxies_bad_entry_refused_with_its_name() -> None:
    with pytest.raises(InvalidInput, match="FORUM_TRUSTED_PROXIES: 'proxy.example' is not an IP"):
        load_settings({"FORUM_TRUSTED_PROXIES": "10.0.0.1,proxy.example"})


@pytest.mark.parametrize(("settings", "origin"), [
    (Settings(public_origin="https://forum.example.org/"), "https://forum.example.org"),
    (Settings(host="127.0.0.1", port=8000), "http://127.0.0.1:8000"),
    (Settings(host="localhost", port=9000), "http://localhost:9000"),
    (Settings(host="::1", port=8000), "http://[::1]:8000"),
    (Settings(host="0.0.0.0", port=8000), ""),  # unknown: links are refused until FORUM_PUBLIC_ORIGIN is set
])
def test_link_origin_from_settings_only(settings: Settings, origin: str) -> None:
    assert settings.link_origin == origin


def test_durable_writes_default_one_local_fsync_within_a_second() -> None:
    found = load_settings({})
    assert (found.durable_replicas, found.durable_timeout_ms) == (0, 1000)
    found = load_settings({"FORUM_DURABLE_REPLICAS": "1", "FORUM_DURABLE_TIMEOUT_MS": "250"})
    assert (found.durable_replicas, found.durable_timeout_ms) == (1, 250)


@pytest.mark.parametrize("timeout", ["0", "5000", "soon"])
def test_durable_timeout_out_of_range_refused_with_its_name(timeout: str) -> None:
    with pytest.raises(InvalidInput, match="FORUM_DURABLE_TIMEOUT_MS must be"):
        load_settings({"FORUM_DURABLE_TIMEOUT_MS": timeout})


def test_sentinels_make_a_sentinel_address_that_the_store_reads() -> None:
    settings = load_settings({"FORUM_REDIS_URL": "redis://ignored:6379/0",
                              "FORUM_REDIS_SENTINELS": "10.0.0.5:26379, [::1]:26380", "FORUM_REDIS_PRIMARY": "main"})
    assert settings.redis_url == "sentinel://10.0.0.5:26379,[::1]:26380/main"
    assert settings.redis_sentinels == ("10.0.0.5:26379", "[::1]:26380") and settings.redis_primary == "main"
    assert parse_sentinels(settings.redis_url) == ([("10.0.0.5", 26379), ("::1", 26380)], "main")
    assert parse_sentinels("redis://127.0.0.1:6379/0") is None
    assert load_settings({"FORUM_REDIS_URL": "redis://x:6379/0"}).redis_url == "redis://x:6379/0"


def test_sentinel_without_port_refused() -> None:
    with pytest.raises(InvalidInput, match="FORUM_REDIS_SENTINELS"):
        load_settings({"FORUM_REDIS_SENTINELS": "sentinel-1"})
