"""Pages' HTML as the sanitiser leaves it, by the HTML sanitised (notesite.analyse.sanitize).

Sanitising every page again was the largest part of a rebuild of an unchanged vault once its pages
came from the build cache; the sanitiser is a pure function of the HTML (its code is the build
cache's stamp), so a page converted to the same HTML is sanitised to the same HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from notesite_mkdocs.build_cache import Used
from notesite_mkdocs.incremental import digest


class CleanedCache(Used[str]):
    """Sanitised HTML by a digest of the HTML; after each build only what it used is kept."""

    def clean(self, html: str, sanitize: Callable[[str], str]) -> str:
        key = digest(html)
        cleaned = self.kept.get(key)
        if cleaned is None:
            cleaned = sanitize(html)
        self.use(key, cleaned)
        return cleaned
