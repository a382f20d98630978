"""Material's navigation, each entry rendered once per build rather than once per page.

Material renders the open branch of the navigation into every page: the folders at the top, the
notes of the page's folder, the pages of its note. A vault's pages are many and alike, so the same
entries were rendered again and again, and that was the largest part of a build. An entry that
does not hold the page being built (it is not "active") differs from page to page only in its
links, which MkDocs makes relative to the page. So each such entry is rendered once, with its
links left site-relative behind a marker, and each page gets that HTML with the marked links made
relative to it by MkDocs' own `normalize_url`: the same bytes Material would have written. What
holds the page (the open branch, the page's own entry with its table of contents) is rendered by
Material as before.

The cache hooks into Material's own macro: the two templates that render an entry are loaded with
that call routed through `NavCache` (PATCHES, applied by notesite_mkdocs.theme; one line each,
checked in the tests); if a theme reads differently the patch does not apply and the navigation is
rendered as before. The cache lives in the build's Jinja environment, so nothing is kept from one
build to the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.utils import normalize_url

GLOBAL = "notesite_nav_entry"
ENTRY_TEMPLATE = "partials/nav-item.html"
# (template, Material's line, the line routed through the cache)
PATCHES = (
    (
        ENTRY_TEMPLATE,
        '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
        f'{{{{ {GLOBAL}(render, item, path ~ "_" ~ loop.index, level + 1, nav_item) }}}}',
    ),
    (
        "partials/nav.html",
        "{{ item.render(nav_item, path, 1) }}",
        f"{{{{ {GLOBAL}(item.render, nav_item, path, 1) }}}}",
    ),
)

# The "site root" of entries rendered for no page: MkDocs joins a link to it (`normalize_url`
# without a page), and each page turns `MARKER/<url>` into its own relative link.
MARKER = "\x00notesite-root\x00"
_MARKED = re.compile(re.escape(MARKER) + r"/([^\"]*)")


class NavCache:
    """`notesite_nav_entry(macro, entry, path, level[, parent])`: Material's `render` macro, its
    output kept for entries that do not hold the page being built."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._neutral: Any = None  # the entry template, rendered for no page
        self._html: dict[tuple[Any, ...], Markup] = {}
        self.hits = 0

    @jinja2.pass_context
    def __call__(
        self, context: jinja2.runtime.Context, macro: Callable[..., Markup], entry: Any, *args: Any
    ) -> Markup:
        if entry.active:
            return macro(entry, *args)
        # Links are made relative to the page, or (pages such as 404.html) joined to base_url.
        page, base = context.get("page"), context.get("base_url", "")
        html = self._entry(context, entry, args)
        return Markup(_MARKED.sub(lambda link: normalize_url(link.group(1), page, base), html))

    def _entry(self, context: jinja2.runtime.Context, entry: Any, args: tuple[Any, ...]) -> str:
        """The entry's HTML with its links behind MARKER."""
        parent = args[2] if len(args) > 2 else None
        key = (id(entry), *args[:2], getattr(parent, "active", None))
        html = self._html.get(key)
        if html is not None:
            self.hits += 1
            return html
        if self._neutral is None:
            neutral = {**context.get_all(), "page": None, "base_url": MARKER}
            self._neutral = self._env.get_template(ENTRY_TEMPLATE).make_module(neutral)
        html = self._html[key] = self._neutral.render(entry, *args)
        return html
