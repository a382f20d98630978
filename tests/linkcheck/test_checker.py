"""The checker against each fault of the loopback server: status, requests seen, time taken."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass

import pytest
from faultserver import FaultServer

from notesite.linkcheck import CheckOptions, LinkResult, LinkStatus, check_urls

pytestmark = pytest.mark.timeout(30)

# Small times keep the suite fast; the cap lets the 1-2 s Retry-Afters through, not 3600 s.
FAST = CheckOptions(
    timeout=0.5,
    budget=10,
    retries=2,
    backoff_base=0.05,
    backoff_max=0.1,
    retry_after_cap=3,
    allow_private=True,
)

PATHS = [
    "/ok",
    "/missing",
    "/gone",
    "/flaky",
    "/always-500",
    "/chain/a",
    "/loop/a",
    "/no-head",
    "/rate/seconds",
    "/rate/date",
    "/rate/long",
    "/rate/always",
    "/challenge",
    "/hang",
    "/reset",
    "/empty",
    "/slow-body",
    "/endless",
]


@dataclass
class FaultRun:
    server: FaultServer
    results: dict[str, LinkResult]
    wall: float

    def __getitem__(self, path: str) -> LinkResult:
        return self.results[path]


@pytest.fixture(scope="module")
def run(fault_server: FaultServer) -> FaultRun:
    """Every fault checked in one run, as a build would check a note's references."""
    started = time.monotonic()
    results = check_urls([fault_server.url(p) for p in PATHS], FAST)
    wall = time.monotonic() - started
    return FaultRun(fault_server, dict(zip(PATHS, results, strict=True)), wall)


def test_200_is_ok_after_one_head(run: FaultRun) -> None:
    result = run["/ok"]
    assert (result.status, result.http_status, result.attempts) == (LinkStatus.OK, 200, 1)
    assert result.final_url == run.server.url("/ok")
    assert result.redirects == [] and result.error is None and result.checked_at
    assert run.server.methods["/ok"] == ["HEAD"]


@pytest.mark.parametrize(("path", "code"), [("/missing", 404), ("/gone", 410)])
def test_4xx_is_broken_and_not_retried(run: FaultRun, path: str, code: int) -> None:
    assert (run[path].status, run[path].http_status) == (LinkStatus.BROKEN, code)
    assert run.server.hits[path] == 1
    assert f"HTTP {code}" in (run[path].error or "")


def test_500_then_200_is_ok_after_one_retry(run: FaultRun) -> None:
    assert (run["/flaky"].status, run["/flaky"].attempts) == (LinkStatus.OK, 2)
    assert run.server.hits["/flaky"] == 2


def test_persistent_500_is_broken_after_retries(run: FaultRun) -> None:
    result = run["/always-500"]
    assert (result.status, result.http_status) == (LinkStatus.BROKEN, 500)
    assert run.server.hits["/always-500"] == 3 == result.attempts
    assert "gave up after 3 tries" in (result.error or "")


def test_redirect_chain_is_recorded(run: FaultRun) -> None:
    result = run["/chain/a"]
    url = run.server.url
    assert (result.status, result.http_status) == (LinkStatus.REDIRECTED, 200)
    assert result.redirects == [url("/chain/b"), url("/chain/c"), url("/chain/end")]
    assert result.final_url == url("/chain/end")
    assert result.attempts == 4


def test_redirect_loop_is_broken(run: FaultRun) -> None:
    result = run["/loop/a"]
    assert result.status is LinkStatus.BROKEN
    assert "redirect loop" in (result.error or "")
    assert run.server.hits["/loop/a"] == 1 and run.server.hits["/loop/b"] == 1


def test_head_refused_falls_back_to_get(run: FaultRun) -> None:
    assert (run["/no-head"].status, run["/no-head"].attempts) == (LinkStatus.OK, 2)
    assert run.server.methods["/no-head"] == ["HEAD", "GET"]


def test_429_retry_after_seconds_is_honoured(run: FaultRun) -> None:
    result = run["/rate/seconds"]
    assert result.status is LinkStatus.OK and run.server.hits["/rate/seconds"] == 2
    assert result.elapsed_ms >= 950


def test_429_retry_after_http_date_is_honoured(run: FaultRun) -> None:
    result = run["/rate/date"]
    assert result.status is LinkStatus.OK and run.server.hits["/rate/date"] == 2
    assert result.elapsed_ms >= 500  # one to two seconds, less the date's truncation


def test_retry_after_above_cap_is_rate_limited_without_waiting(run: FaultRun) -> None:
    result = run["/rate/long"]
    assert (result.status, result.http_status) == (LinkStatus.RATE_LIMITED, 429)
    assert run.server.hits["/rate/long"] == 1
    assert result.elapsed_ms < 500
    assert "exceeds the 3 s cap" in (result.error or "")


def test_429_without_retry_after_is_rate_limited_after_retries(run: FaultRun) -> None:
    assert run["/rate/always"].status is LinkStatus.RATE_LIMITED
    assert run.server.hits["/rate/always"] == 3


def test_bot_challenge_is_blocked_not_broken(run: FaultRun) -> None:
    result = run["/challenge"]
    assert (result.status, result.http_status) == (LinkStatus.BLOCKED, 403)
    assert run.server.hits["/challenge"] == 1


def test_hung_response_times_out_after_retries(run: FaultRun) -> None:
    assert run["/hang"].status is LinkStatus.TIMEOUT
    assert run.server.hits["/hang"] == 3


def test_reset_connection_is_retried_then_unreachable(run: FaultRun) -> None:
    result = run["/reset"]
    assert result.status is LinkStatus.UNREACHABLE
    assert "connection reset" in (result.error or "")
    assert run.server.hits["/reset"] == 3


def test_empty_reply_is_retried_then_unreachable(run: FaultRun) -> None:
    result = run["/empty"]
    assert result.status is LinkStatus.UNREACHABLE
    assert "empty reply" in (result.error or "")
    assert run.server.hits["/empty"] == 3


@pytest.mark.parametrize("path", ["/slow-body", "/endless"])
def test_body_is_never_read(run: FaultRun, path: str) -> None:
    assert (run[path].status, run[path].attempts) == (LinkStatus.OK, 2)
    assert run.server.methods[path] == ["HEAD", "GET"]
    assert run[path].elapsed_ms < 400


def test_fault_run_stays_within_budget(run: FaultRun) -> None:
    # The slowest fault waits out a Retry-After of up to 2 s; nothing should pile on top of it.
    assert run.wall < 4 < FAST.budget


def test_duplicates_are_checked_once_in_input_order(fault_server: FaultServer) -> None:
    a, b = fault_server.url("/ok?dup-a"), fault_server.url("/missing?dup-b")
    results = check_urls([a, b, a], FAST)
    assert [r.url for r in results] == [a, b, a]
    assert [r.status for r in results] == [LinkStatus.OK, LinkStatus.BROKEN, LinkStatus.OK]
    assert fault_server.hits["/ok?dup-a"] == 1


def test_per_host_cap_is_never_exceeded(fault_server: FaultServer) -> None:
    urls = [fault_server.url(f"/slow-ok?{i}") for i in range(12)]
    results = check_urls(urls, CheckOptions(allow_private=True, per_host=3, max_concurrency=50))
    assert {r.status for r in results} == {LinkStatus.OK}
    assert fault_server.peak_in_flight == 3


PRIVATE = [
    "http://localhost:{port}/ok?private",
    "http://127.0.0.1:{port}/ok?private",
    "http://10.1.2.3/",
    "http://192.168.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{port}/ok?private",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
]


@pytest.mark.parametrize("template", PRIVATE)
def test_private_address_is_skipped_without_allow_private(fault_server: FaultServer, template: str) -> None:
    [result] = check_urls([template.format(port=fault_server.port)], CheckOptions(timeout=1))
    assert result.status is LinkStatus.SKIPPED
    assert "private address" in (result.error or "")
    assert fault_server.hits["/ok?private"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "ftp://example.com/file",
        "mailto:someone@example.com",
        "https://",
        "https://exa mple.com/",
        "http://example.com:99999/",
        "http://example.com:port/",
        "//example.com/no-scheme",
    ],
)
def test_malformed_or_non_http_url_is_invalid(url: str) -> None:
    [result] = check_urls([url], CheckOptions(timeout=1))
    assert (result.status, result.attempts) == (LinkStatus.INVALID, 0)
    assert result.error


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_budget_exhausted_marks_unfinished_checks_unchecked(fault_server: FaultServer) -> None:
    urls = [fault_server.url(f"/hang?budget-{i}") for i in range(10)]
    started = time.monotonic()
    results = check_urls(urls, CheckOptions(timeout=5, budget=0.5, allow_private=True))
    assert time.monotonic() - started < 1.5
    assert {r.status for r in results} == {LinkStatus.UNCHECKED}
    assert all("budget" in (r.error or "") and r.checked_at is None for r in results)


def test_network_down_gives_up_on_the_rest_quickly() -> None:
    # Connection refused on distinct loopback hosts looks exactly like a machine without network.
    port = free_port()
    urls = [f"http://127.0.0.{n}:{port}/" for n in range(2, 12)]
    options = CheckOptions(timeout=5, allow_private=True, max_concurrency=1, network_probe=3)
    started = time.monotonic()
    results = check_urls(urls, options)
    assert time.monotonic() - started < 1
    assert [r.status for r in results[:3]] == [LinkStatus.UNREACHABLE] * 3
    assert {r.status for r in results[3:]} == {LinkStatus.UNCHECKED}
    assert "network appears down" in (results[-1].error or "")


def test_one_dead_host_does_not_look_like_network_down() -> None:
    port = free_port()
    urls = [f"http://127.0.0.2:{port}/{n}" for n in range(6)]
    results = check_urls(urls, CheckOptions(allow_private=True, max_concurrency=1, network_probe=3))
    assert {r.status for r in results} == {LinkStatus.UNREACHABLE}
    assert "connect" in (results[0].error or "")


def test_unresolvable_host_is_unreachable_with_dns_error() -> None:
    [result] = check_urls(["https://no-such-host.invalid/"], CheckOptions(timeout=2))
    assert result.status is LinkStatus.UNREACHABLE
    assert (result.error or "").startswith("dns:")


def test_a_bug_while_checking_one_url_leaves_it_unchecked_and_the_run_going(monkeypatch):
    from notesite.linkcheck import checker

    original = checker._Run.check

    async def flaky(self, url):
        if url.endswith("/boom"):
            raise RuntimeError("boom")
        return await original(self, url)

    monkeypatch.setattr(checker._Run, "check", flaky)
    results = check_urls(
        ["http://example.invalid/boom", "ftp://example.com/x"], CheckOptions(budget=5, timeout=1)
    )
    assert [r.status for r in results] == [LinkStatus.UNCHECKED, LinkStatus.INVALID]
    assert results[0].error == "checker error: RuntimeError('boom')"
