"""Link checker for the notes' reference URLs: pure Python on aiohttp, no MkDocs imports."""

from .cache import LinkCache
from .checker import check_urls, check_urls_async
from .options import CheckOptions
from .result import LinkResult, LinkStatus

__all__ = [
    "CheckOptions",
    "LinkCache",
    "LinkResult",
    "LinkStatus",
    "check_urls",
    "check_urls_async",
]
