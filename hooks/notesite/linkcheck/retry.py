"""When to ask a server again: Retry-After parsing and exponential backoff with jitter."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # str.isdigit alone accepts "²"
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT; a zone-less one is read as such
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(retry: int, base: float, cap: float) -> float:
    """Full-jitter exponential backoff before retry number `retry` (1-based)."""
    # Jitter spreads retries of many links to one host instead of hitting it in lockstep.
    return random.uniform(0, min(cap, base * 2 ** (retry - 1)))
