"""The outcome of checking one URL, in the shape `scripts/check_links.py --format json` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class LinkStatus(StrEnum):
    """What a check concluded about a URL (design contract 6)."""

    OK = "ok"  # 2xx without a redirect
    REDIRECTED = "redirected"  # 2xx at the end of a redirect chain
    BROKEN = "broken"  # 4xx, 5xx after retries, redirect loop or too many redirects
    BLOCKED = "blocked"  # a bot challenge (403/503 with `cf-mitigated`): says nothing about the page
    RATE_LIMITED = "rate_limited"  # 429 after retries, or a Retry-After longer than we wait
    TIMEOUT = "timeout"  # no response headers within the request timeout, after retries
    UNREACHABLE = "unreachable"  # DNS, refused, reset, empty reply; TLS failures ("tls: ..." error)
    INVALID = "invalid"  # not an http(s) URL, or malformed
    SKIPPED = "skipped"  # private, loopback or link-local address without allow_private
    UNCHECKED = "unchecked"  # run budget exhausted or network down before the check finished


# The fields of the contract, in the order they are printed.
FIELDS = (
    "url",
    "status",
    "http_status",
    "final_url",
    "redirects",
    "attempts",
    "elapsed_ms",
    "checked_at",
    "error",
)


def utc_now_iso() -> str:
    """The current time as ISO-8601 UTC with second precision, e.g. 2025-01-31T12:00:00+00:00."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class LinkResult:
    """One URL's check.

    `redirects` lists every URL a `Location` header sent the checker to, in order, so the last one
    is `final_url` when the chain is non-empty. `final_url` is the URL that gave the last HTTP
    response (the URL itself when there was no redirect) and None when no response came.
    `attempts` counts the requests tried for this URL: HEAD and the GET fallback, every retry and
    every redirect hop, so when the server answered each one it is what the server saw.
    """

    url: str
    status: LinkStatus
    http_status: int | None = None
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list)
    attempts: int = 0
    elapsed_ms: int = 0
    checked_at: str | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with exactly the contract's fields."""
        return {
            "url": self.url,
            "status": self.status.value,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "redirects": list(self.redirects),
            "attempts": self.attempts,
            "elapsed_ms": self.elapsed_ms,
            "checked_at": self.checked_at,
            "error": self.error,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkResult:
        """Rebuild a result from `to_json()` output; raises ValueError on a malformed record."""
        if not isinstance(data, dict) or not isinstance(data.get("url"), str):
            raise ValueError(f"not a link result: {data!r}")
        redirects = data.get("redirects") or []
        if not isinstance(redirects, list) or not all(isinstance(u, str) for u in redirects):
            raise ValueError(f"redirects must be a list of URLs: {data['url']}")
        return cls(
            url=data["url"],
            status=LinkStatus(data.get("status", "")),
            http_status=_optional(data, "http_status", int),
            final_url=_optional(data, "final_url", str),
            redirects=redirects,
            attempts=_optional(data, "attempts", int) or 0,
            elapsed_ms=_optional(data, "elapsed_ms", int) or 0,
            checked_at=_optional(data, "checked_at", str),
            error=_optional(data, "error", str),
        )


def _optional(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    # bool is an int subclass; a true/false count is still a malformed record
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
        raise ValueError(f"{key} must be {kind.__name__} or null: {data['url']}")
    return value
