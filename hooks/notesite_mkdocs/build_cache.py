"""What one `mkdocs build` kept, kept on disk for the next one (the plugin option `cache_dir`).

The caches serve's rebuilds keep in memory (notes by content: notesite.analyse.note_cache; their
pages by what rendering them reads: notesite.render.cache; pages converted to HTML by their
Markdown and links: notesite_mkdocs.conversion_cache; the search index by its docs:
notesite.publish.index_cache), and the pages as the theme rendered them
(notesite_mkdocs.page_cache, one-off builds only), are written after a build to one file in the
cache folder and read back before the next, so a rebuild of an unchanged vault reads, renders,
converts and lays out in the theme nothing, and one after an edit only what it changed. Every
entry is keyed by what it was made from; what makes the keys themselves (this package's code, the
Markdown and theme packages, Python) is the file's stamp, and a file with another stamp is not
read. Each build writes only the entries it used, so the file never outgrows the vault.

The file is a pickle: it is as trusted as the project's own code (CI restores it from a cache of
the same repository). One that cannot be read is set aside with a warning and the build goes on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, Protocol

log = logging.getLogger("mkdocs.plugins.notesite")

FORMAT = 3  # 2: each entry pickled on its own; 3: and the pages as rendered (notesite_mkdocs.page_cache)
FILE_NAME = "build.pickle"
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


class Kept(Protocol):
    """A cache whose entries a build keeps for the next."""

    kept: dict[Any, Any]


class BuildCache:
    """The cache file in `folder`, read into a build's caches and written from them."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._stamp = ""
        self._read: list[dict[Any, Any]] = []  # what `load` read, each cache's entries

    def load(self, *caches: Kept) -> None:
        """The caches hold what the file holds, in the order `save` was given them, and nothing if
        it holds nothing usable (what a process kept of an earlier build is not trusted over the
        file)."""
        self._stamp = self._stamp or stamp()
        self._read = []
        for cache in caches:
            cache.kept = {}
        try:
            with self.path.open("rb") as stream:
                header = pickle.load(stream)
                if not isinstance(header, dict) or header.get("format") != FORMAT:
                    self._set_aside(f"not a format {FORMAT} build cache")
                    return
                if header.get("stamp") != self._stamp:
                    log.info("build cache %s: made by other code; starting afresh", self.path)
                    return
                kept = [_entries(stream) for _ in caches]
            for cache, entries in zip(caches, kept, strict=True):
                cache.kept = entries
            self._read = kept
        except FileNotFoundError:
            return
        except Exception as error:  # a truncated or foreign file fails in any way unpickling can
            self._set_aside(f"cannot be read ({type(error).__name__}: {error})")

    def save(self, *caches: Kept) -> None:
        """Written whole to a file beside it, then moved over it: a build stopped halfway leaves
        the last one. A build that used every entry it read, and only those, leaves the file as
        it is (on a rebuild of an unchanged vault, writing it was a tenth of the build)."""
        if _same(self._read, [cache.kept for cache in caches]) and self.path.is_file():
            return
        temporary: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, suffix=".tmp", delete=False) as stream:
                temporary = stream.name
                pickle.dump({"format": FORMAT, "stamp": self._stamp or stamp()}, stream, protocol=5)
                for cache in caches:
                    # An entry at a time: pickle remembers every object of one dump until it
                    # ends, which for the whole cache was a third again of the build's memory.
                    pickle.dump(len(cache.kept), stream, protocol=5)
                    for entry in cache.kept.items():
                        pickle.dump(entry, stream, protocol=5)
            os.replace(temporary, self.path)
        except Exception as error:  # no disk space, a read-only folder: the site is built anyway
            log.warning("build cache %s: cannot be written (%s); next build starts afresh", self.path, error)
            if temporary:
                Path(temporary).unlink(missing_ok=True)

    def _set_aside(self, why: str) -> None:
        log.warning("build cache %s: %s; building without it (replaced after the build)", self.path, why)


def _same(read: list[dict[Any, Any]], kept: list[dict[Any, Any]]) -> bool:
    """The very entries that were read, each under its key."""
    return len(read) == len(kept) and all(
        len(old) == len(new) and all(old.get(key) is value for key, value in new.items())
        for old, new in zip(read, kept, strict=True)
    )


def _entries(stream: BinaryIO) -> dict[Any, Any]:
    """One cache's entries, as `BuildCache.save` wrote them."""
    count = pickle.load(stream)
    if not isinstance(count, int):
        raise ValueError("no count of entries")
    return dict(pickle.load(stream) for _ in range(count))
