"""Which URLs may become links: only http(s) ones (design: a URL is a link only if http(s)
or inside the site)."""

from __future__ import annotations

import re


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs ever become links."""
    return bool(url) and re.match(r"^https?://[^\s/]+", url or "", re.IGNORECASE) is not None
