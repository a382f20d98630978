"""The pure rules of the checker: which URLs may be checked, what a response means, when to retry."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notesite.linkcheck import CheckOptions, LinkResult, LinkStatus
from notesite.linkcheck.classify import final_status, is_challenge
from notesite.linkcheck.netguard import is_private, url_problem
from notesite.linkcheck.result import FIELDS
from notesite.linkcheck.retry import backoff_delay, parse_retry_after


@pytest.mark.parametrize(
    ("code", "challenge", "redirected", "status"),
    [
        (200, False, False, LinkStatus.OK),
        (204, False, True, LinkStatus.REDIRECTED),
        (403, True, False, LinkStatus.BLOCKED),
        (403, False, False, LinkStatus.BROKEN),
        (429, False, False, LinkStatus.RATE_LIMITED),
        (503, False, False, LinkStatus.BROKEN),
        (999, False, False, LinkStatus.BROKEN),
    ],
)
def test_final_status(code: int, challenge: bool, redirected: bool, status: LinkStatus) -> None:
    assert final_status(code, challenge=challenge, redirected=redirected) is status


def test_challenge_needs_cf_mitigated_on_403_or_503() -> None:
    assert is_challenge(503, {"CF-Mitigated": "challenge"})
    assert not is_challenge(200, {"cf-mitigated": "challenge"})
    assert not is_challenge(403, {"server": "cloudflare"})


def test_retry_after_delta_seconds_and_http_date() -> None:
    now = datetime(2025, 1, 31, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7", now) == 7
    assert parse_retry_after("Fri, 31 Jan 2025 12:00:30 GMT", now) == 30
    assert parse_retry_after("Fri, 31 Jan 2025 11:00:00 GMT", now) == 0  # in the past: go now
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_backoff_grows_and_stays_under_cap() -> None:
    assert all(0 <= backoff_delay(1, 0.5, 8) <= 0.5 for _ in range(50))
    assert all(0 <= backoff_delay(3, 0.5, 8) <= 2 for _ in range(50))
    assert all(backoff_delay(10, 0.5, 8) <= 8 for _ in range(50))


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.0.0.0",
     "::1", "fe80::1", "fc00::1", "::ffff:10.0.0.1", "224.0.0.1"],
)  # fmt: skip
def test_private_addresses(address: str) -> None:
    assert is_private(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert not is_private(ipaddress.ip_address(address))


def test_url_problem_accepts_http_and_https() -> None:
    assert url_problem("https://example.com/a?b=c#d") is None
    assert url_problem("HTTP://EXAMPLE.COM:8080/") is None
    assert "scheme" in (url_problem("javascript:alert(1)") or "")


def test_result_json_round_trip_has_exactly_the_contract_fields() -> None:
    result = LinkResult(
        "https://a.example/", LinkStatus.REDIRECTED, 200, "https://b.example/", ["https://b.example/"]
    )
    data = result.to_json()
    assert tuple(data) == FIELDS
    assert data["status"] == "redirected"
    assert LinkResult.from_json(data) == result


@pytest.mark.parametrize(
    "record",
    [{"url": "u", "status": "fine"}, {"url": "u", "status": "ok", "attempts": "2"}, {"status": "ok"}],
)
def test_malformed_result_record_is_rejected(record: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        LinkResult.from_json(record)


def test_options_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="per_host"):
        CheckOptions(per_host=0)
    with pytest.raises(ValueError, match="budget"):
        CheckOptions(budget=0)


@given(st.text())
def test_url_problem_never_raises(text: str) -> None:
    assert url_problem(text) is None or isinstance(url_problem(text), str)


@given(st.text())
def test_retry_after_parsing_never_raises(text: str) -> None:
    wait = parse_retry_after(text)
    assert wait is None or wait >= 0
