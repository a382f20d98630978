"""The `notesite` plugin: MkDocs' build events, each handed to the module that does the work.

`plugins: [search, notesite]` in any mkdocs.yml (MkDocs 1.6 or ProperDocs) turns its docs/notes/
into notes. Options: notesite_mkdocs.config; the notes as files: notesite_mkdocs.files; what
serve's rebuilds reuse: notesite_mkdocs.serve; search: notesite_mkdocs.search. The plugin owns its
state: MkDocs keeps one instance for the life of the process (it handles `on_startup`), so serve's
rebuilds share its `ServeState`, and what one build generated is remade in `on_files`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from notesite.analyse.sanitize import HtmlPolicy, sanitize_html
from notesite_mkdocs import files as note_files
from notesite_mkdocs import theme
from notesite_mkdocs.config import NotesiteConfig, SiteOptions, site_options
from notesite_mkdocs.diagrams import Diagrams
from notesite_mkdocs.icon_sprite import IconSprite
from notesite_mkdocs.incremental import incremental_builder
from notesite_mkdocs.markdown_setup import markdown_setup
from notesite_mkdocs.note_page import NotePage, convert_ahead
from notesite_mkdocs.page_cache import RenderedPage, adds_to_context, cacheable, page_key, site_key
from notesite_mkdocs.parallel import Dispatch, Workers, unsafe_plugins
from notesite_mkdocs.search import SearchCollector, collect_search, mark_generated
from notesite_mkdocs.serve import ServeState
from notesite_mkdocs.theme_setup import theme_setup

log = logging.getLogger("mkdocs.plugins.notesite")


class NotesitePlugin(BasePlugin[NotesiteConfig]):
    def __init__(self, options_in_extra: bool = False) -> None:
        super().__init__()
        # True when run from hooks/notes_hook.py, whose options are `extra.notesite`.
        self.options_in_extra = options_in_extra
        self.options = SiteOptions()
        self.serve = ServeState()
        # Set by `notesite export`: the pages are for an engine that rewrites raw HTML links.
        self.for_export = False
        self.generated = note_files.Generated()
        self.collector: SearchCollector | None = None
        # What the site should change, said once: serve's rebuilds would repeat it.
        self.said: set[str] = set()
        self.nav: Navigation | None = None
        # This build's workers: converting the notes' pages, then rendering templates.
        self.converting = Workers()
        self.rendering = Workers()
        # id(page) → its key in the build cache's pages, for the pages this build renders.
        self.page_keys: dict[int, str] = {}
        # Mermaid where a page has a diagram, and in the site only if one has.
        self.diagrams = Diagrams()
        # The theme's icons, once in a sprite rather than in every page (None: kept inline).
        self.icons: IconSprite | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # How MkDocs was started decides whether notes are kept between builds.
        self.serve.start(command, dirty)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # `mkdocs serve --clean` starts up as "build"; from its first rebuild on, serve is serve.
        self.serve.command = "serve"
        # Plain `mkdocs serve` rebuilds as `serve --dirty` does: only what an edit changed.
        if not self.serve.dirty and (rebuild := incremental_builder(builder)) is not None:
            server.builder = rebuild
            self.serve.start("serve", dirty=True)
        return server

    @event_priority(100)
    def _on_config_first(self, config: MkDocsConfig) -> MkDocsConfig:
        # Before other plugins make theirs: serve's rebuilds compile the theme's templates once.
        if self.serve.serving:
            theme.compile_once(config.theme, self.serve.theme_templates)
        return config

    def _on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The options, validated once; the generated pages' styles and scripts on every page.
        self.options = site_options(self.config, config.extra, deprecated=not self.options_in_extra)
        note_files.link_assets(config, self.options.previews)
        # What the last `mkdocs build` kept for this one, beside mkdocs.yml unless said otherwise;
        # an export's pages are written for another engine, and kept nowhere.
        folder = None if self.for_export else self.options.cache_dir
        base = Path(config.config_file_path or ".").parent
        self.serve.keep_in(base / folder if folder is not None else None)
        # The Markdown extensions and theme parts the generated pages rely on, in any site.
        for conflict in configure_site(config):
            if conflict not in self.said:
                self.said.add(conflict)
                log.warning(conflict)
        return config

    on_config = CombinedEvent(_on_config_first, _on_config)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The last serve rebuild's search index stops before this build cleans or remakes it.
        self.serve.before_build()
        # A site read from disk can't draw icons from another file: Material's offline plugin.
        self.icons = None if any("offline" in name for name in config.plugins) else IconSprite()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The notes replaced by their pages; Material's search hands each page to our collector.
        sources = note_files.note_sources(files, config)
        self.collector = collect_search(config)
        self.generated = note_files.Generated()
        if sources:
            site = note_files.build_notes(files, config, sources, self.options, self.serve, self.for_export)
            self.serve.notes_done()  # a one-off build holds the notes no longer than this
            self.generated = note_files.publish_notes(
                files, config, sources, site, self.serve, self.collector, self.options.publish_front_matter
            )
        note_files.add_assets(files, config)
        note_files.drop_theme_source_maps(files, config)
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Last of all plugins, the notes' pages go to workers to be converted (`mkdocs build`),
        # but for those the build cache holds converted.
        self.nav = nav
        if count := self.worker_count(config):
            built = self.pages_built(files)
            pages = [page for page in built if isinstance(page, NotePage) and not page.converted_before()]
            if pages:
                self.converting = convert_ahead(min(count, len(pages)), config, files, pages)
        return nav

    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Templates without their indentation, and the navigation's entries rendered once per build.
        theme.install(env, self.serve.templates)
        self.generated.page_urls = [f.page.url for f in files.documentation_pages() if f.page is not None]
        # Whatever this build writes is never deleted as gone (a docs/index.md that takes the home).
        self.generated.written = {file.abs_dest_path for file in files}
        # Last of all plugins: pages the build cache holds as rendered are written as they were;
        # the others' templates go to workers (`mkdocs build` only).
        self.converting.close()
        count = self.worker_count(config)
        pages = self.pages_built(files)
        every = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.diagrams.start(files, self.generated.page_urls, whole=len(pages) == len(every))
        ready = self.rendered_before(config, pages)
        if (count or ready) and pages and self.nav is not None:
            self.rendering = Workers()
            Dispatch(self.rendering).start(count, env, config, self.nav, pages, ready)
        return env

    def rendered_before(self, config: MkDocsConfig, pages: list[Page]) -> dict[int, Callable[[], str]]:
        """id(page) → its HTML, for the pages whose key the build cache holds; the keys of the
        others, to keep what their templates render (notesite_mkdocs.page_cache)."""
        self.page_keys = {}
        cache = self.serve.page_store()
        if cache is None or self.nav is None or not cacheable(config):
            return {}
        site = site_key(config, self.nav)
        ready: dict[int, Callable[[], str]] = {}
        for page in pages:
            if adds_to_context(config, page):
                continue
            note = self.collector.pages.get(page.url) if self.collector else None
            key = page_key(site, page, [note, self.collector is not None])
            found = cache.get(key)
            if found is None:
                self.page_keys[id(page)] = key
                continue
            ready[id(page)] = found.html
            if self.collector and found.docs is not None:
                self.collector.known[page.url] = list(found.docs)
        return ready

    def worker_count(self, config: MkDocsConfig) -> int:
        """How many processes take pages (0: none, the build is MkDocs' own)."""
        if self.options.workers < 2 or self.serve.serving or not hasattr(os, "fork"):
            return 0
        if unsafe := unsafe_plugins(config):
            log.info("Pages are built on one core: plugin %s may keep state between pages", unsafe[0])
            return 0
        return self.options.workers

    def pages_built(self, files: Files) -> list[Page]:
        """The pages this build renders, in MkDocs' order."""
        return [
            f.page
            for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if f.page is not None and not (self.serve.dirty and not f.is_modified())
        ]

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Only what notes wrote is cleaned: docs/ pages and the theme's own scripts stay the site's.
        if page.file.src_uri not in self.generated.note_pages:
            return html
        if self.options.html is HtmlPolicy.SANITIZE:
            html = self.serve.cleaned.clean(html, sanitize_html)
        return mark_generated(html)

    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # First of all plugins, the template's output is kept for the next build (with a cache).
        if (key := self.page_keys.pop(id(page), None)) is not None and (cache := self.serve.page_store()):
            docs = tuple(self.collector.by_page.get(page.url, ())) if self.collector else None
            cache.put(key, RenderedPage.of(output, docs))
        # Mermaid only where a diagram is, loaded before Material's bundle looks for it.
        output = self.diagrams.scripts(output, page.url)
        return self.icons.use(output, page.url) if self.icons else output

    def on_build_error(self, *, error: Exception) -> None:
        # Nothing a failed build made is trusted by the next one; no worker outlives it.
        self.close_workers()
        self.serve.failed()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # What was written is remembered for a dirty rebuild, and the search index written.
        self.close_workers()
        if self.icons:
            self.icons.write(config.site_dir)
        self.diagrams.tidy(config.site_dir)
        made = self.generated
        self.serve.finished(
            config.site_dir, made.note_files, made.outputs, made.written, made.page_urls, self.collector
        )

    def close_workers(self) -> None:
        self.converting.close()
        self.rendering.close()

    def on_shutdown(self) -> None:
        # The search index being made is given up: serve deletes the site.
        self.close_workers()
        self.serve.close()


def configure_site(config: MkDocsConfig) -> list[str]:
    """Sets up `config`'s Markdown and theme for the generated pages; returns what the site should
    change, where its own settings conflict with them."""
    setup = markdown_setup(config.markdown_extensions, config.mdx_configs)
    config.markdown_extensions, config.mdx_configs = setup.extensions, setup.configs
    theme_setup(config.theme)
    return setup.conflicts
