"""What one `mkdocs build` kept, kept on disk for the next one (the plugin option `cache_dir`).

The caches serve's rebuilds keep in memory (notes by content: notesite.analyse.note_cache; their
pages by what rendering them reads: notesite.render.cache; pages converted to HTML by their
Markdown and links: notesite_mkdocs.conversion_cache; the search index by its docs:
notesite.publish.index_cache), and the pages as the theme rendered them and as the sanitiser left
them (notesite_mkdocs.page_cache, cleaned_cache; one-off builds only), are written to one file in
the cache folder and read back before the next build, so a rebuild of an unchanged vault reads,
renders, converts, sanitises and renders in the theme's templates nothing, and one after an edit
only what it changed. Every entry is keyed by what it was made from; what makes the keys themselves
(this package's code, the Markdown and theme packages, Python) is the file's stamp, and a file with
another stamp is not read. Each build writes only the entries it used, so the file never outgrows
the vault. It writes each entry as soon as it is done with it (the notes once their pages are made,
a page once it is converted), so the build does not hold every note and every page's HTML until its
end only to write them; the file replaces the last one when the build ends. An entry the build took
from the file as it was is written only once the build has used something else: a rebuild of an
unchanged vault leaves the file as it is (writing it was a tenth of that build).

The file is a pickle: it is as trusted as the project's own code (CI restores it from a cache of
the same repository). One that cannot be read is set aside, said at INFO, and the build goes on: the
cache is no part of the site, and an upgrade that changed its format must not fail a strict build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from notesite.analyse.kept import Kept

log = logging.getLogger("mkdocs.plugins.notesite")
V = TypeVar("V")

FORMAT = 4  # 3: each entry pickled on its own as (part, key, value), as done; 4: and the pages rendered
FILE_NAME = "build.pickle"
# The parts of the file, one cache each, in the order `load` is given them.
NOTES, RENDERED, CONVERTED, INDEXES, PAGES, CLEANED, TEMPLATES = range(7)
# The packages whose code decides what an entry holds, besides this one.
_PACKAGES = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "mkdocs-materialx",
    "jinja2",
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


class Stored(Protocol):
    """A cache whose entries a build keeps for the next."""

    kept: dict[Any, Any]


class Used(Kept[str, V]):
    """The entries a build used of a cache: kept here for the next build, or, when `keep` is set
    (a build cache on disk: `BuildCache.keeper`), handed to it as each is used, so the build
    holds none for the file."""

    def __init__(self) -> None:
        super().__init__()
        self.keep: Callable[[str, V], None] | None = None

    def use(self, key: str, value: V) -> None:
        if self.keep is None:
            self._used[key] = value
        else:
            self.keep(key, value)


class BuildCache:
    """The cache file in `folder`, read into a build's caches, and written entry by entry as the
    build goes (`begin`, `keep`, `commit`)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._stamp = ""
        # What `load` read, by part, while every entry kept since is one of them (then None).
        self._read: list[dict[Any, Any]] | None = None
        self._unwritten: dict[tuple[int, Any], None] = {}  # entries kept as read, not written yet
        self._writing: IO[bytes] | None = None
        self._writer = 0  # the process writing: a worker forked meanwhile holds a copy of the file

    def load(self, *caches: Stored) -> None:
        """The caches hold what the file holds (each its part, in this order), and nothing if it
        holds nothing usable (what a process kept of an earlier build is not trusted over the file)."""
        self._stamp = self._stamp or stamp()
        kept: list[dict[Any, Any]] = [{} for _ in caches]
        for cache in caches:
            cache.kept = {}
        self._read = None
        try:
            with self.path.open("rb") as stream:
                header = pickle.load(stream)
                if not isinstance(header, dict) or header.get("format") != FORMAT:
                    self._set_aside(f"not a format {FORMAT} build cache")
                    return
                if header.get("stamp") != self._stamp:
                    log.info("build cache %s: made by other code; starting afresh", self.path)
                    return
                while (entry := pickle.load(stream)) is not None:  # a file cut short ends in EOFError
                    part, key, value = entry
                    kept[part][key] = value
        except FileNotFoundError:
            return
        except Exception as error:  # a truncated or foreign file fails in any way unpickling can
            self._set_aside(f"cannot be read ({type(error).__name__}: {error})")
            return
        for cache, entries in zip(caches, kept, strict=True):
            cache.kept = entries
        self._read = [dict(entries) for entries in kept]

    def begin(self) -> None:
        """A new file is written from here on, beside the last one, which stays until `commit`:
        a build stopped halfway leaves the last one. It is opened when the first entry not read
        from the last one is kept."""
        self.abandon()
        self._writer = os.getpid()
        self._unwritten = {}

    def keep(self, part: int, entries: Iterable[tuple[Any, Any]]) -> None:
        """Entries of one cache for the new file (nothing when none is begun, or in a worker)."""
        if os.getpid() != self._writer:
            return
        try:
            for key, value in entries:
                read = self._read[part] if self._read is not None else None
                if read is not None and read.get(key, _NONE) is value:
                    self._unwritten[part, key] = None
                    continue
                self._open()
                # An entry at a time: pickle remembers every object of one dump until it ends.
                pickle.dump((part, key, value), self._stream(), protocol=5)
            if self._writing is not None:
                # Nothing left in the buffer: a worker forked later would write its copy when it exits.
                self._writing.flush()
        except Exception as error:
            self._cannot_write(error)

    def keeper(self, part: int) -> Callable[[Any, Any], None]:
        """What keeps one entry of `part` at a time, as a cache uses it (`Used.keep`)."""
        return lambda key, value: self.keep(part, [(key, value)])

    def commit(self) -> None:
        """The new file, whole, in place of the last one; the last one stays when this build kept
        every entry it read and nothing else."""
        if os.getpid() != self._writer:
            return
        read, self._read = self._read, None
        if self._writing is None and read is not None and len(self._unwritten) == sum(map(len, read)):
            self._unwritten = {}
            return
        self._read = read
        try:
            self._open()
            stream = self._stream()
            pickle.dump(None, stream, protocol=5)
            stream.close()
            os.replace(stream.name, self.path)
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
        self._unwritten = {}

    def save(self, *caches: Stored) -> None:
        """What the caches kept, written at once."""
        self.begin()
        for part, cache in enumerate(caches):
            self.keep(part, cache.kept.items())
        self.commit()

    def _open(self) -> None:
        """The new file, opened at the first entry it must have; the entries kept as they were
        read before it are written first (from what was read), and no longer held back."""
        if self._writing is not None:
            return
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(folder)
        # Open until `commit` or `abandon`; named for its process, which a later build checks.
        prefix = f"{FILE_NAME}.{os.getpid()}."
        self._writing = tempfile.NamedTemporaryFile(dir=folder, prefix=prefix, suffix=".tmp", delete=False)  # noqa: SIM115
        pickle.dump({"format": FORMAT, "stamp": self._stamp or stamp()}, self._writing, protocol=5)
        read, self._read = self._read or [], None
        for part, key in self._unwritten:
            pickle.dump((part, key, read[part][key]), self._writing, protocol=5)
        self._unwritten = {}

    def _stream(self) -> IO[bytes]:
        assert self._writing is not None
        return self._writing

    def _cannot_write(self, error: Exception) -> None:
        """No disk space, a read-only folder: the site is built anyway, and this build writes no
        more of the file (INFO: the cache is no part of the site, and a strict build of a
        read-only checkout must not fail for it)."""
        log.info("build cache %s: cannot be written (%s); next build starts afresh", self.path, error)
        self.abandon()
        self._writer = 0

    def _set_aside(self, why: str) -> None:
        log.info("build cache %s: %s; building without it (replaced after the build)", self.path, why)


_NONE = object()  # no entry read under a key


def _remove_abandoned(folder: Path) -> None:
    """New files that a build stopped by Ctrl-C or killed left behind (their process is gone);
    one another build is writing now stays."""
    for path in folder.glob(f"{FILE_NAME}.*.tmp"):
        pid = path.name[len(FILE_NAME) + 1 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, another user's
        return True
    return True
