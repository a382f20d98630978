"""Which URLs may become links: only http(s) ones (design: a URL is a link only if http(s)
or inside the site); and a file's path as it may stand in a URL."""

from __future__ import annotations

import re
from urllib.parse import quote


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs ever become links."""
    return bool(url) and re.match(r"^https?://[^\s/]+", url or "", re.IGNORECASE) is not None


def url_path(path: str) -> str:
    """A file's path, percent-encoded but for its slashes: a file may be named `"><img …>.md`,
    and its name must reach an `href` or a Markdown link as one inert URL."""
    return quote(path, safe="/")
