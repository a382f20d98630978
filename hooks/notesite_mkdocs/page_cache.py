"""Whole pages kept between `mkdocs build`s: a page whose every input is unchanged is written as
the theme rendered it last time, its template not rendered again (with a cache on disk,
notesite_mkdocs.build_cache; never under serve).

On a rebuild of a vault that did not change, rendering the theme's templates was most of the
build. What a page's template reads is the page (URL, title, converted HTML, table of contents,
meta, edit and canonical URLs; its neighbours and ancestors come from the navigation), the
navigation with every entry's title, URL and the meta the theme shows there, the config and the
theme's templates.
`site_key` digests what every page shares: the config as loaded (after every plugin's
`on_config`), the navigation as built, the files of the theme's custom_dir (Material's, MkDocs'
and this package's code are the build cache's stamp); `page_key` adds the page's own. Both are
taken in `on_env`, when every page is converted and the navigation is final, so the key holds the
HTML the page shows, not only the Markdown it came from.

Other plugins may add to a page's context or read it: the cache is used only when every plugin is
one whose page events are known (`SAFE`, the search plugins and this one; Material's tags plugin
for pages without tags, to which it adds nothing). The entry keeps the page's template output
before any `on_post_page`, which runs on it as on a page rendered afresh, and the page's search
docs, which depend only on what the key holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from notesite.publish.search_index import SearchDoc
from notesite_mkdocs.build_cache import Used
from notesite_mkdocs.conversion_cache import by_name
from notesite_mkdocs.incremental import digest

# Plugins whose page events add nothing to a page's template but what its key holds.
SAFE = frozenset({"search", "material/search", "materialx/search", "notesite"})
# Material's tags plugin adds the tags of a page that has some to its context.
TAGS = frozenset({"tags", "material/tags", "materialx/tags"})
# What Material's own templates read of another page's meta (its navigation entry's icon, status
# and subtitle): a description that follows the text stays out of every other page's key.
NAV_META = {"material": ("icon", "status", "subtitle"), "materialx": ("icon", "status", "subtitle")}


@dataclass(frozen=True)
class RenderedPage:
    """A page's template output, compressed, and its search docs (None: search is off)."""

    packed: bytes
    docs: tuple[SearchDoc, ...] | None

    @classmethod
    def of(cls, html: str, docs: tuple[SearchDoc, ...] | None) -> RenderedPage:
        # Compressed, the pages are a quarter of their size in the build's memory and on disk
        # (the navigation repeats); the fastest level costs a build under a second at 430 notes.
        return cls(zlib.compress(html.encode("utf-8", "surrogatepass"), 1), docs)

    def html(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")


class PageCache(Used[RenderedPage]):
    """Rendered pages by key; after each build only what that build used is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.hits = 0

    def get(self, key: str) -> RenderedPage | None:
        found = self.kept.get(key)
        if found is not None:
            self.hits += 1
            self.use(key, found)
        return found

    def put(self, key: str, rendered: RenderedPage) -> None:
        self.use(key, rendered)

    def end_build(self) -> None:
        super().end_build()
        self.hits = 0


def cacheable(config: MkDocsConfig) -> bool:
    """No plugin that could put into a page's template what its key does not hold."""
    return all(name in SAFE or name in TAGS for name in config.plugins)


def adds_to_context(config: MkDocsConfig, page: Page) -> bool:
    """Material's tags plugin gives this page's template its tags."""
    for name in TAGS & set(config.plugins):
        mappings = getattr(config.plugins[name], "mappings", None)
        try:
            if mappings is None or mappings.get(page):
                return True
        except Exception:  # another version's internals: the page is rendered afresh
            return True
    return False


def site_key(config: MkDocsConfig, nav: Navigation) -> str:
    """What every page's template reads besides its own page."""
    settings = {name: value for name, value in config.items() if name not in ("plugins", "theme")}
    plugins = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    name = config.theme.name or ""
    theme = [name, _theme_version(name), config.theme.dirs, dict(config.theme)]
    custom = config.theme.custom_dir
    templates = [(path.as_posix(), _file_digest(path)) for path in _files(custom)] if custom else []
    # MkDocs' own themes print the build's date on every page; Material's never do.
    date = None if name in NAV_META and not custom else get_build_datetime().isoformat()
    shared = [settings, plugins, theme, templates, date]
    # A site's own templates may read any of another page's meta.
    meta = None if custom else NAV_META.get(name)
    return digest(_json(shared), _json(_entries(nav.items, meta)))


def page_key(site: str, page: Page, extra: object) -> str:
    """`site` and what the page's template reads of the page itself, and `extra` (what else the
    page's search docs are made from)."""
    fields = [
        page.file.src_uri,
        page.url,
        page.title,
        page.edit_url,
        page.canonical_url,
        page.meta,
        _toc(page.toc),
        extra,
    ]
    return digest(site, _json(fields), page.content or "")


def _json(value: object) -> str:
    """`value` as the same text in every process; a mapping's keys of any type (front matter may
    key by dates, `extra:` by numbers) by their type and text, in order."""
    return json.dumps(_keyed(value), sort_keys=True, default=by_name, ensure_ascii=False)


def _keyed(value: object) -> object:
    if isinstance(value, dict):
        return {f"{type(key).__name__}:{key}": _keyed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_keyed(item) for item in value]
    return value


def _theme_version(name: str) -> str | None:
    """The installed theme's distribution and version (an upgrade changes its templates and the
    names of its assets), found as MkDocs finds the theme."""
    for entry in metadata.entry_points(group="mkdocs.themes"):
        if entry.name == name and entry.dist is not None:
            return f"{entry.dist.name}={entry.dist.version}"
    return None


def _entries(items: Iterable[Any], meta: tuple[str, ...] | None) -> list[Any]:
    """The navigation as its templates read it: each entry's kind, title, URL and meta (the
    keys `meta`, or all)."""
    entries: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            entries.append(["section", item.title, _entries(item.children, meta)])
        elif isinstance(item, Link):
            entries.append(["link", item.title, item.url])
        elif isinstance(item, Page):
            shown = item.meta if meta is None else {key: item.meta.get(key) for key in meta}
            entries.append(["page", item.title, item.url, item.file.src_uri, shown])
        else:
            entries.append(["other", repr(item)])
    return entries


def _toc(items: Iterable[Any]) -> list[Any]:
    return [[item.title, item.id, item.level, _toc(item.children)] for item in items]


def _files(folder: str) -> list[Path]:
    if not os.path.isdir(folder):
        return []
    return sorted(path for path in Path(folder).rglob("*") if path.is_file())


def _file_digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
