"""Settings of a link-check run, with defaults that are polite to servers and quick offline."""

from __future__ import annotations

from dataclasses import dataclass

USER_AGENT = "notesite-linkcheck/0.1 (reference checker of a notes site; aiohttp)"


@dataclass(frozen=True)
class CheckOptions:
    """How hard, how long and how politely to check.

    Times are in seconds. `per_host` limits requests in flight to one hostname (ports and schemes
    share it), `max_concurrency` the whole run. Six per host is what browsers open to one host, so
    no more than a site expects from one visitor; lychee's default (10 per host, but 50 ms between
    requests) is slower on slow hosts, see scripts/bench_linkcheck.py.

    Retries happen only for timeouts, resets and empty replies, 5xx, 408 and 429, with exponential
    backoff and full jitter, or after the server's Retry-After when that is at most
    `retry_after_cap` and fits in the budget. `network_probe` is how many distinct hosts must fail
    to resolve or connect, before any server has answered, for the run to decide the network is
    down and give up on the rest.
    """

    timeout: float = 10.0
    budget: float = 60.0
    max_concurrency: int = 64
    per_host: int = 6
    retries: int = 2
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    retry_after_cap: float = 10.0
    max_redirects: int = 10
    allow_private: bool = False
    network_probe: int = 4
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        for name in ("timeout", "budget"):
            if getattr(self, name) <= 0:
                raise ValueError(f"CheckOptions.{name} must be positive")
        for name in ("max_concurrency", "per_host", "network_probe"):
            if getattr(self, name) < 1:
                raise ValueError(f"CheckOptions.{name} must be at least 1")
        for name in ("retries", "backoff_base", "backoff_max", "retry_after_cap", "max_redirects"):
            if getattr(self, name) < 0:
                raise ValueError(f"CheckOptions.{name} must not be negative")
