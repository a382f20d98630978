"""Turn an HTTP answer or a client exception into a link status: the policy, no I/O."""

from __future__ import annotations

import asyncio
import errno
import ssl
from collections.abc import Mapping
from dataclasses import dataclass

import aiohttp

from .netguard import PrivateAddressError
from .result import LinkStatus

# Worth asking again: the server or the path to it may recover.
RETRYABLE_HTTP = frozenset({408, 429}) | frozenset(range(500, 600))
# Servers that answer HEAD with these often serve GET fine.
HEAD_REFUSED = frozenset({403, 405, 501})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def is_challenge(code: int, headers: Mapping[str, str]) -> bool:
    """A CDN bot challenge (Cloudflare marks it with `cf-mitigated`), not an answer about the page."""
    return code in (403, 503) and "cf-mitigated" in {k.lower() for k in headers}


def final_status(code: int, *, challenge: bool, redirected: bool) -> LinkStatus:
    """The status for the last, non-redirect HTTP response of a check."""
    if challenge:
        return LinkStatus.BLOCKED
    if 200 <= code < 300:
        return LinkStatus.REDIRECTED if redirected else LinkStatus.OK
    if code == 429:
        return LinkStatus.RATE_LIMITED
    return LinkStatus.BROKEN


@dataclass(frozen=True)
class Failure:
    """A request that got no usable HTTP response."""

    status: LinkStatus
    error: str
    retryable: bool = False
    # The network itself may be down: DNS or TCP connect failed.
    offline_sign: bool = False


def describe_exception(exc: BaseException) -> Failure:
    """Classify an exception from an aiohttp request; most specific classes first."""
    if isinstance(exc, PrivateAddressError):
        return Failure(LinkStatus.SKIPPED, f"{exc} (pass allow_private to check it)")
    if isinstance(exc, aiohttp.InvalidURL):
        return Failure(LinkStatus.INVALID, f"malformed URL: {exc}")
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return Failure(LinkStatus.UNREACHABLE, f"tls: certificate rejected: {exc.certificate_error}")
    if isinstance(exc, (aiohttp.ClientSSLError, ssl.SSLError)):
        return Failure(LinkStatus.UNREACHABLE, f"tls: {_reason(exc)}")
    if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
        return Failure(LinkStatus.TIMEOUT, "no response within the request timeout", retryable=True)
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return Failure(LinkStatus.UNREACHABLE, f"dns: cannot resolve {exc.host}", offline_sign=True)
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return Failure(
            LinkStatus.UNREACHABLE,
            "empty reply: server closed the connection without a response",
            retryable=True,
        )
    if isinstance(exc, ConnectionResetError) or getattr(exc, "errno", None) == errno.ECONNRESET:
        return Failure(LinkStatus.UNREACHABLE, "connection reset by peer", retryable=True)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return Failure(
            LinkStatus.UNREACHABLE,
            f"connect: {exc.host}:{exc.port}: {_reason(exc)}",
            offline_sign=True,
        )
    if isinstance(exc, aiohttp.ClientResponseError):
        return Failure(LinkStatus.UNREACHABLE, f"protocol: malformed HTTP response: {exc.message}")
    return Failure(LinkStatus.UNREACHABLE, f"{type(exc).__name__}: {_reason(exc)}")


def _reason(exc: BaseException) -> str:
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, OSError) and os_error.strerror:
        return os_error.strerror
    return str(exc) or type(exc).__name__
