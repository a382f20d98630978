"""What the plugin keeps for the life of the process: how MkDocs was started, and what serve's
rebuilds reuse.

MkDocs keeps a plugin that handles `on_startup` for the life of the process, so `mkdocs serve`
hands every rebuild to the same plugin and its one `ServeState`. Each part is keyed by everything
it is made from, so a rebuild can only reuse what an edit left alone: parsed notes by path and
content (notesite.analyse.note_cache), their layouts and links by the note read, the site's settings and
the notes linked to (notesite.knowledge.plan_cache), their pages by everything rendering them reads
(notesite.render.cache), what the last build wrote, for a dirty rebuild, with the search index
made after it (notesite_mkdocs.incremental), and the theme's templates as compiled, by their
source (notesite_mkdocs.theme). A one-off build keeps the notes, their pages, the pages
converted to HTML and the pages as the theme rendered them (notesite_mkdocs.page_cache) on disk
for the next one instead (notesite_mkdocs.build_cache), writing each as soon as the build is done
with it.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from notesite.analyse.checked_note import CheckedNote, read_note
from notesite.analyse.note_cache import NoteCache
from notesite.analyse.sanitize import HtmlPolicy
from notesite.knowledge.plan_cache import PlanCache
from notesite.model.diagnostics import Diagnostic, Severity
from notesite.publish.index_cache import IndexCache
from notesite.publish.search_index import build_index
from notesite.render.cache import RenderCache
from notesite_mkdocs import theme
from notesite_mkdocs.build_cache import (
    CLEANED,
    CONVERTED,
    INDEXES,
    NOTES,
    PAGES,
    RENDERED,
    TEMPLATES,
    BuildCache,
)
from notesite_mkdocs.cleaned_cache import CleanedCache
from notesite_mkdocs.conversion_cache import ConversionCache
from notesite_mkdocs.incremental import DIRTY_WARNING, NoteFile, Served
from notesite_mkdocs.page_cache import PageCache
from notesite_mkdocs.search import SearchCollector, write_search

log = logging.getLogger("mkdocs.plugins.notesite")


class ServeState:
    """How MkDocs was started ("build", "serve", "gh-deploy"; `--dirty` or not) and the caches of
    serve's rebuilds. Serve never waits on the network."""

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.notes = NoteCache()
        self.planned = PlanCache()
        self.rendered = RenderCache()
        self.served = Served()
        self.templates = theme.CompiledTemplates()
        self.theme_templates = theme.CompiledTemplates()  # as the theme wrote them
        self.converted = ConversionCache()
        self.indexes = IndexCache()
        self.pages = PageCache()  # pages as their templates rendered them, kept on disk only
        self.cleaned = CleanedCache()
        self.stored: BuildCache | None = None  # the cache on disk of one-off builds
        self.reused_before = 0  # notes rendered from the cache before this build (RenderCache.hits)
        self.unswept = 0  # serve rebuilds since the garbage was last collected
        self.informed: set[str] = set()  # the info messages the last serve build logged

    def keep_in(self, folder: Path | None) -> None:
        """Where one-off builds keep their caches (None: nowhere)."""
        if folder is None:
            self.stored = None
        elif self.stored is None or self.stored.path.parent != folder:
            self.stored = BuildCache(folder)

    @property
    def persistent(self) -> bool:
        return self.stored is not None and not self.serving

    def start(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if dirty:  # one filter object, so a second start adds nothing
            logging.getLogger("mkdocs.commands.build").addFilter(DIRTY_WARNING)

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    # Serve rebuilds and builds with a cache on disk read notes and render pages through the
    # caches; a one-off build without one has no use for notes kept after it. Converted pages
    # are kept on disk only: a dirty rebuild converts only the pages an edit changed anyway.
    def reader(self) -> Callable[[Path, Path, HtmlPolicy], CheckedNote]:
        return self.notes.read if self.serving or self.persistent else read_note

    def worth_saying(self, messages: list[Diagnostic]) -> list[Diagnostic]:
        """What to log of a build's messages about the notes. Under serve, an info message the
        last build logged is not said again: a big vault has hundreds, and each edit would repeat
        them all. Warnings and errors are, as MkDocs repeats its own."""
        if not self.serving:
            return messages
        said, self.informed = self.informed, {str(m) for m in messages if m.severity is Severity.INFO}
        return [m for m in messages if m.severity is not Severity.INFO or str(m) not in said]

    def plan_cache(self) -> PlanCache | None:
        # A one-off build lays out and links each note once: kept in memory, for serve only.
        return self.planned if self.serving else None

    def page_cache(self) -> RenderCache | None:
        return self.rendered if self.serving or self.persistent else None

    def conversions(self) -> ConversionCache | None:
        return self.converted if self.persistent else None

    def page_store(self) -> PageCache | None:
        return self.pages if self.persistent else None

    def before_build(self) -> None:
        """The search index of the last serve rebuild may still be being made: it stops, before
        MkDocs cleans the site folder (a serve without --dirty) or this build makes it again.
        A one-off build starts from what the last one kept on disk."""
        self.served.settle(stop=True)
        self.reused_before = self.rendered.hits
        if self.serving:
            # What earlier builds left is not looked at again by the collector during this one; it
            # is collected while the server waits, or after many rebuilds with no wait between.
            self.unswept += 1
            if self.unswept > UNSWEPT_REBUILDS:
                collect_garbage()
                self.unswept = 0
            gc.freeze()
        if self.stored is not None and self.persistent:
            # In the order of the file's parts (build_cache.NOTES, …).
            caches = (self.notes, self.rendered, self.converted, self.indexes)
            self.stored.load(*caches, self.pages, self.cleaned, self.templates)
            self.stored.begin()
            self.converted.keep = self.stored.keeper(CONVERTED)
            self.pages.keep = self.stored.keeper(PAGES)
            self.cleaned.keep = self.stored.keeper(CLEANED)
        else:
            self.converted.keep = self.pages.keep = self.cleaned.keep = None

    def notes_done(self) -> None:
        """The notes' pages are made: a one-off build writes the notes and their pages to its
        cache on disk now and holds them no longer (serve keeps them for its next rebuild)."""
        if self.stored is not None and self.persistent:
            self.stored.keep(NOTES, self.notes.handed_over().items())
            self.stored.keep(RENDERED, self.rendered.handed_over().items())

    def close(self) -> None:
        """When the server stops: the index being made is given up (serve deletes the site)."""
        self.served.close()
        gc.unfreeze()

    def failed(self) -> None:
        """After a failed build: nothing it made is kept, and the next build writes every page."""
        self._end_build()
        self.served.forget()
        if self.stored is not None:
            self.stored.abandon()

    def _end_build(self) -> None:
        """Each cache keeps what this build used of it, and nothing else."""
        for cache in (self.notes, self.planned, self.rendered, self.converted, self.pages, self.cleaned):
            cache.end_build()

    def finished(
        self,
        site_dir: str,
        note_files: Iterable[NoteFile],
        outputs: Iterable[str],
        written: Iterable[str],
        page_urls: Iterable[str],
        collector: SearchCollector | None,
    ) -> None:
        """Keep what this build made, delete what a dirty rebuild leaves behind of notes that are
        gone, and write the search index: under serve a moment after the pages, in a process of
        its own that the next build stops (Served.later, Served.apart). A one-off build keeps its
        caches on disk for the next one, if it has a cache folder."""
        if self.persistent:
            log.info(
                "build cache: %d notes read, %d notes rendered and %d pages converted before were reused;"
                " %d pages written as their templates rendered them before",
                self.notes.hits,
                self.rendered.hits - self.reused_before,
                self.converted.hits,
                self.pages.hits,
            )
        self._end_build()
        # A dirty rebuild skipped the pages no edit changed: their search text is the last build's.
        built = collector.by_page if collector else {}
        last = self.served.docs
        docs = {url: built[url] if url in built else last.get(url, []) for url in page_urls}
        self.served.finish(site_dir, note_files, outputs, written, docs, self.dirty)
        in_order = [doc for page in docs.values() for doc in page]
        if self.serving:
            served = self.served

            def index_then_tidy(stopped: Callable[[], bool]) -> None:
                if collector:
                    write_search(
                        Path(site_dir), in_order, lambda *args: served.apart(stopped, build_index, *args)
                    )
                if not stopped():
                    collect_garbage()
                    self.unswept = 0

            served.later(index_then_tidy)
        elif collector:
            write_search(Path(site_dir), in_order, self.indexes.index if self.persistent else build_index)
        if self.stored is not None and self.persistent:
            self.stored.keep(INDEXES, self.indexes.handed_over().items())
            self.stored.keep(TEMPLATES, self.templates.kept.items())
            self.stored.commit()
        self.indexes.end_build()


# Rebuilds whose garbage may wait, frozen, for the server to be idle: a rebuild of a big vault
# leaves much of it (its pages and files refer to each other, so only the collector frees them).
UNSWEPT_REBUILDS = 10


def collect_garbage() -> None:
    """While the server waits for the next edit, after the search index: the builds' garbage is
    collected, and what is left frozen (and each rebuild freezes what is there when it starts), so
    the collector's passes during a rebuild look only at what that rebuild makes. (A full pass
    over a big vault's objects took 1-2 s, in the middle of a rebuild: scripts/profile_rebuild.py.)"""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
