"""Which URLs may be requested at all: well-formed http(s) URLs on public addresses.

Private, loopback and link-local addresses are refused unless allowed, both as literal IPs in the
URL and as what a hostname resolves to. The resolver check runs on the addresses aiohttp actually
connects to, so a redirect or a DNS answer cannot point the checker at the local network.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

SCHEMES = ("http", "https")


class PrivateAddressError(Exception):
    """A hostname resolved to an address the run may not contact."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to private address {address}")
        self.host = host
        self.address = address


def url_problem(url: str) -> str | None:
    """Why `url` cannot be checked, or None when it is a well-formed http(s) URL."""
    if not url or any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        return "URL is empty or contains whitespace or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    except ValueError as exc:
        return f"malformed URL: {exc}"
    if parts.scheme.lower() not in SCHEMES:
        return f"unsupported scheme {parts.scheme or '(none)'!r}: only http and https are checked"
    if not parts.hostname:
        return "URL has no host"
    if port == 0:
        return "port 0 cannot be contacted"
    return None


def hostname(url: str) -> str:
    """The lower-case hostname of a URL that passed `url_problem`."""
    return (urlsplit(url).hostname or "").lower()


def literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address when `host` is an IP literal (brackets and IPv6 zone stripped), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def is_private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for any address that is not on the public internet."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    # is_global is False for RFC 1918, loopback, link-local, CGNAT, documentation and reserved ranges
    return not address.is_global or address.is_multicast


class GuardedResolver(AbstractResolver):
    """aiohttp resolver that refuses hostnames resolving to private addresses."""

    def __init__(self, allow_private: bool) -> None:
        self._inner = DefaultResolver()
        self._allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if not self._allow_private:
            for result in results:
                address = literal_ip(result["host"])
                if address is not None and is_private(address):
                    raise PrivateAddressError(host, result["host"])
        return results

    async def close(self) -> None:
        await self._inner.close()
