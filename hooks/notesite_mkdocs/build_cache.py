"""What one `mkdocs build` kept, kept on disk for the next one (the plugin option `cache_dir`).

The caches serve's rebuilds keep in memory (notes by content: notesite.analyse.note_cache; their
pages by what rendering them reads: notesite.render.cache; pages converted to HTML by their
Markdown and links: notesite_mkdocs.conversion_cache; the search index by its docs:
notesite.publish.index_cache) are written to one file in the cache folder and read back before the
next build, so a rebuild of an unchanged vault reads, renders and converts nothing, and one after
an edit only what it changed. Every entry is keyed by what it was made from; what makes the keys
themselves (this package's code, the Markdown and theme packages, Python) is the file's stamp, and
a file with another stamp is not read. Each build writes only the entries it used, so the file
never outgrows the vault. It writes each entry as soon as it is done with it (the notes once their
pages are made, a page once it is converted), so the build does not hold every note and every
page's HTML until its end only to write them; the file replaces the last one when the build ends.

The file is a pickle: it is as trusted as the project's own code (CI restores it from a cache of
the same repository). One that cannot be read is set aside with a warning and the build goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from notesite.analyse.note_cache import NoteCache
from notesite.publish.index_cache import IndexCache
from notesite.render.cache import RenderCache
from notesite_mkdocs.conversion_cache import ConversionCache

log = logging.getLogger("mkdocs.plugins.notesite")

FORMAT = 3  # 3: each entry pickled on its own as (part, key, value), in the order they were done
FILE_NAME = "build.pickle"
# The parts of the file: one cache each.
NOTES, RENDERED, CONVERTED, INDEXES = range(4)
# The packages whose code decides what an entry holds, besides this one.
_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "nh3",
    "latex2mathml",
    "opencc-python-reimplemented",
)
_CODE = (Path(__file__).parent, Path(__file__).parent.parent / "notesite")


def stamp() -> str:
    """This package's code (by content, so an edit to an editable install counts), the versions
    of the packages it converts with, and Python's."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(sys.version.encode())
    for name in _PACKAGES:
        try:
            hasher.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{name}=;".encode())
    for folder in _CODE:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".js", ".css", ".html") and path.is_file():
                hasher.update(path.relative_to(folder).as_posix().encode())
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


class BuildCache:
    """The cache file in `folder`, read into a build's caches, and written entry by entry as the
    build goes (`begin`, `keep`, `commit`)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._stamp = ""
        self._writing: IO[bytes] | None = None
        self._writer = 0  # the process writing: a worker forked meanwhile holds a copy of the file

    def load(
        self, notes: NoteCache, rendered: RenderCache, converted: ConversionCache, indexes: IndexCache
    ) -> None:
        """The caches hold what the file holds, and nothing if it holds nothing usable (what a
        process kept of an earlier build is not trusted over the file)."""
        self._stamp = self._stamp or stamp()
        notes.kept, rendered.kept, converted.kept, indexes.kept = {}, {}, {}, {}
        try:
            with self.path.open("rb") as stream:
                header = pickle.load(stream)
                if not isinstance(header, dict) or header.get("format") != FORMAT:
                    self._set_aside(f"not a format {FORMAT} build cache")
                    return
                if header.get("stamp") != self._stamp:
                    log.info("build cache %s: made by other code; starting afresh", self.path)
                    return
                kept: list[dict[Any, Any]] = [{}, {}, {}, {}]  # notes, rendered, converted, indexes
                while (entry := pickle.load(stream)) is not None:  # a file cut short ends in EOFError
                    part, key, value = entry
                    kept[part][key] = value
            notes.kept, rendered.kept, converted.kept, indexes.kept = kept
        except FileNotFoundError:
            return
        except Exception as error:  # a truncated or foreign file fails in any way unpickling can
            self._set_aside(f"cannot be read ({type(error).__name__}: {error})")

    def begin(self) -> None:
        """A new file beside the last one, which stays until `commit`: a build stopped halfway
        leaves the last one."""
        self.abandon()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Open for the whole build, closed by `commit` or `abandon`.
            self._writing = tempfile.NamedTemporaryFile(dir=self.path.parent, suffix=".tmp", delete=False)  # noqa: SIM115
            self._writer = os.getpid()
            pickle.dump({"format": FORMAT, "stamp": self._stamp or stamp()}, self._writing, protocol=5)
            self._writing.flush()  # as after each `keep`
        except Exception as error:  # no disk space, a read-only folder: the site is built anyway
            self._cannot_write(error)

    def keep(self, part: int, entries: Iterable[tuple[Any, Any]]) -> None:
        """Entries of one cache written to the new file (nothing when none is being written, or
        in a worker process)."""
        if self._writing is None or os.getpid() != self._writer:
            return
        try:
            for key, value in entries:
                # An entry at a time: pickle remembers every object of one dump until it ends.
                pickle.dump((part, key, value), self._writing, protocol=5)
            # Nothing left in the buffer: a worker forked later would write its copy when it closes.
            self._writing.flush()
        except Exception as error:
            self._cannot_write(error)

    def commit(self) -> None:
        """The new file, whole, in place of the last one."""
        if self._writing is None or os.getpid() != self._writer:
            return
        try:
            pickle.dump(None, self._writing, protocol=5)
            self._writing.close()
            os.replace(self._writing.name, self.path)
            self._writing = None
        except Exception as error:
            self._cannot_write(error)

    def abandon(self) -> None:
        """The new file deleted, if one is being written: the last one stays."""
        if self._writing is not None and os.getpid() == self._writer:
            with contextlib.suppress(OSError):
                self._writing.close()
            Path(self._writing.name).unlink(missing_ok=True)
        self._writing = None

    def save(
        self, notes: NoteCache, rendered: RenderCache, converted: ConversionCache, indexes: IndexCache
    ) -> None:
        """What the caches kept, written at once."""
        self.begin()
        kept: list[dict[Any, Any]] = [notes.kept, rendered.kept, converted.kept, indexes.kept]
        for part, cache in enumerate(kept):
            self.keep(part, cache.items())
        self.commit()

    def _cannot_write(self, error: Exception) -> None:
        log.warning("build cache %s: cannot be written (%s); next build starts afresh", self.path, error)
        self.abandon()

    def _set_aside(self, why: str) -> None:
        log.warning("build cache %s: %s; building without it (replaced after the build)", self.path, why)
