"""`mkdocs serve --dirty`: each rebuild writes only the pages an edit changed.

MkDocs' dirty builds skip a page whose file says it is not modified; a generated file always says
it is. A `NoteFile` knows better: it carries a key of everything its page is made from (its
Markdown, its edit link, and the navigation and theme every page shows) and is modified when that
key differs from the one its page was last written with. So an edit to a note rebuilds that note's
pages, and the pages whose Markdown shows something of it (backlinks, links to its headings); a
changed title or a new note changes the navigation, and every page is written again.

What MkDocs' dirty builds get wrong is set right here: ordinary pages of docs/ are always rebuilt
(MkDocs would show the title of one it skipped as None in the navigation of those it builds), the
pages of a note that is gone are deleted, and the search index keeps the text of the pages this
rebuild skipped. `Served` holds what a rebuild needs of the last one; it lives as long as the
server, and after a failed build it keeps only what to delete. It also writes the search index of a
served site after the pages, in a process of its own that the next build stops, so an edit shows as
soon as its pages are written and search catches up a moment later.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml
from mkdocs.structure.files import File

from notesite.publish.search_index import SearchDoc

log = logging.getLogger("mkdocs.plugins.notesite")
_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
R = TypeVar("R")


class KnownDirtyWarning(logging.Filter):
    """Drops the warning MkDocs logs on every dirty build, that navigation and links will likely
    be wrong: with notesite they are not (see above), and on each edit under `make serve` the
    warning would say otherwise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


DIRTY_WARNING = KnownDirtyWarning()


def incremental_builder(builder: Callable[..., None]) -> Callable[..., None] | None:
    """Plain `mkdocs serve`'s builder made dirty, so that each edit rebuilds only the pages it
    changed, as `mkdocs serve --dirty` does; None when it cannot be (another engine's server, or
    `serve --clean`, which builds as `mkdocs build` does).

    MkDocs 1.6 (and ProperDocs, its fork) hands `on_serve` the closure the server calls on each
    change, `builder(config=None)`: it loads the config afresh and calls `build(config, serve_url=...,
    dirty=...)`. The closure's own variables say where and how it builds; the rebuild is the same
    call with `dirty=True` (the first build, already done, started from an empty folder)."""
    try:
        found = inspect.getclosurevars(builder)
    except TypeError:
        return None
    get_config = found.nonlocals.get("get_config")
    serve_url = found.nonlocals.get("serve_url")
    build = found.globals.get("build")
    if found.nonlocals.get("is_clean", True) or not (callable(get_config) and callable(build)):
        return None

    def rebuild(config: Any = None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)

    return rebuild


def digest(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class NoteFile(File):
    """A generated page that knows whether it changed since the server last wrote it."""

    key: str = ""
    written: Mapping[str, str] = MappingProxyType({})  # src_uri → key, as last written (Served.keys)

    def is_modified(self) -> bool:
        return self.written.get(self.src_uri) != self.key or not os.path.isfile(self.abs_dest_path)


def shared_key(
    nav: Any,
    titles: Iterable[tuple[str, str]],
    ordinary: Iterable[File],
    config_file: str | None,
    custom_dir: str | None,
) -> str:
    """What every page shows besides its own Markdown: the navigation with every page's title (an
    ordinary page's title is read when it is built, so its text stands for it), and the config
    (with the files it inherits from) and theme overrides it is rendered with (by their files'
    times and sizes)."""
    pages = [(file.src_uri, digest(file.content_string)) for file in ordinary]
    stamps = [_stamp(path) for path in config_chain(config_file)] if config_file else []
    if custom_dir and os.path.isdir(custom_dir):
        stamps += [_stamp(path) for path in sorted(Path(custom_dir).rglob("*")) if path.is_file()]
    return digest(json.dumps([nav, list(titles), pages, stamps], ensure_ascii=False, default=str))


def config_chain(config_file: str) -> list[Path]:
    """The config file and the files it INHERITs from, as MkDocs follows them (composed, not
    loaded: MkDocs' own tags need no constructor to find one key; an INHERIT given by `!ENV` is
    not followed). Serve rebuilds on an edit to a parent only when it is among `watch:`."""
    chain: list[Path] = []
    path = Path(os.path.normpath(config_file))
    while path not in chain:
        chain.append(path)
        try:
            node = yaml.compose(path.read_text("utf-8"), Loader=_YAML)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        parent = next((value.value for key, value in pairs if key.value == "INHERIT"), None)
        if not isinstance(parent, str):
            break
        path = Path(os.path.normpath(path.parent / parent))
    return chain


def _stamp(path: Path) -> str:
    try:
        status = path.stat()
    except OSError:
        return f"{path}:gone"
    return f"{path}:{status.st_mtime_ns}:{status.st_size}"


class Served:
    """What the server's last finished build wrote, for the next dirty rebuild."""

    def __init__(self) -> None:
        self.site_dir: str | None = None  # where the last build wrote
        self.keys: dict[str, str] = {}  # src_uri → key of each generated page written
        self.outputs: set[str] = set()  # every file generated from notes that it wrote
        self.docs: dict[str, list[SearchDoc]] = {}  # page URL → its search docs
        self._indexing: threading.Thread | None = None
        self._stop = threading.Event()

    def finish(
        self,
        site_dir: str,
        pages: Iterable[NoteFile],
        outputs: Iterable[str],
        written: Iterable[str],
        docs: dict[str, list[SearchDoc]],
        dirty: bool,
    ) -> None:
        """Remember this build. A dirty rebuild of the same site deletes what the last build
        generated and this one did not (the pages and downloads of a note that is gone), unless
        another of its files (`written`: all of them) took its place, and the folders that leaves
        empty; a clean build started from an empty folder."""
        outputs = set(outputs)
        if dirty and self.site_dir is None:
            # `mkdocs build --dirty`, a process of its own: the last build's list is in the site.
            self.site_dir, self.outputs = site_dir, _generated_before(Path(site_dir))
        same = dirty and site_dir == self.site_dir
        if same:
            for gone in sorted(self.outputs - outputs - set(written)):
                delete_from_site(Path(gone), Path(site_dir))
        # The list on disk is written again only when it changed (an edit to a note's text
        # leaves it as it was, and it names every page).
        if not (same and outputs == self.outputs):
            _record_generated(Path(site_dir), outputs)
        self.site_dir = site_dir
        self.keys = {file.src_uri: file.key for file in pages}
        self.outputs = outputs
        self.docs = docs

    def forget(self) -> None:
        """After a failed build no page written is trusted: the next build writes every page. What
        the last good build wrote is kept, so the next one still deletes what is gone."""
        self.keys, self.docs = {}, {}

    def later(self, job: Callable[[Callable[[], bool]], object]) -> None:
        """Run `job` (writing the search index) once this build has returned. It is handed a
        function that says whether a newer build wants it to stop; it stops by raising Stopped."""
        self.settle(stop=True)
        stop = self._stop = threading.Event()

        def run() -> None:
            try:
                job(stop.is_set)
            except Stopped:
                pass  # the build that stopped it makes the index again
            except Exception:  # a failed index must not take the server down with it
                log.exception("notesite: the search index could not be written")

        self._indexing = threading.Thread(target=run, name="notesite-search-index", daemon=True)
        self._indexing.start()

    def settle(self, stop: bool = False) -> None:
        """Wait for the index being written; with `stop`, tell it to give up first (a build is
        starting, after which the index is made again): an edit saved while the index of the
        last one is made need not wait for it."""
        if self._indexing is not None:
            if stop:
                self._stop.set()
            self._indexing.join()
            self._indexing = None

    def apart(self, stopped: Callable[[], bool], work: Callable[..., R], *args: Any) -> R:
        """`work(*args)` in a process of its own, waited for here: the search index of a big vault
        takes seconds of pure Python, and in this process it would hold the interpreter from the
        server's other threads (the file watcher most: each of its many file checks waited for
        it), so the next edit was seen late. When `stopped` says so first, the process is ended
        and Stopped raised. Where no process can be started, the work is done here."""
        if stopped():
            raise Stopped
        context = multiprocessing.get_context("spawn")  # a fork of a threaded server is unsafe
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_send_result, args=(send, work, args), daemon=True)
        try:
            with _importable_from_hooks():
                process.start()
        except OSError:
            log.debug("notesite: no process for the search index; it is made in the server's own")
            return work(*args)
        send.close()
        answered = False
        try:
            while not receive.poll(0.05):
                if stopped():
                    raise Stopped
                if not process.is_alive() and not receive.poll():
                    log.debug("notesite: the search index process ended; it is made here instead")
                    return work(*args)
            ok, value = receive.recv()
            answered = True
        finally:
            receive.close()
            if not answered and process.is_alive():
                process.kill()  # stopped: its work is no one's any more
            process.join()
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """When the server stops: the index being made is given up (serve deletes the site)."""
        self.settle(stop=True)


def _send_result(send: Connection, work: Callable[..., object], args: tuple[Any, ...]) -> None:
    """In the process `Served.apart` starts: the work's result, or its exception, sent back."""
    try:
        result: tuple[bool, object] = (True, work(*args))
    except Exception as error:  # re-raised in the server, where it is logged
        result = (False, error)
    try:
        send.send(result)
    except BrokenPipeError:
        pass  # stopped by a newer build, which makes the index again
    finally:
        send.close()


@contextmanager
def _importable_from_hooks() -> Iterator[None]:
    """The process started inside imports this package as the server did. When notesite runs as
    a hook file (`hooks: [notes_hook.py]`), MkDocs takes its folder off sys.path after loading
    it, and a new process is given the server's sys.path as it is at its start."""
    hooks = str(Path(__file__).resolve().parents[1])
    if hooks in sys.path:
        yield
        return
    sys.path.append(hooks)
    try:
        yield
    finally:
        sys.path.remove(hooks)


class Stopped(Exception):
    """A job of `Served.later` gave up: a newer build is under way."""


# What a build generated from notes, as paths below the site folder (nothing of the machine
# that built it): for the next `mkdocs build --dirty`, which starts in a new process.
GENERATED_LIST = ".notesite-generated.json"


def _record_generated(site: Path, outputs: Iterable[str]) -> None:
    paths = sorted(Path(path).relative_to(site).as_posix() for path in outputs)
    (site / GENERATED_LIST).write_text(json.dumps(paths, ensure_ascii=False) + "\n", encoding="utf-8")


def _generated_before(site: Path) -> set[str]:
    """The files the last build of `site` generated from notes (none if it left no list)."""
    try:
        paths = json.loads((site / GENERATED_LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return set()
    if not isinstance(paths, list):
        return set()
    # Spelled as MkDocs spells `abs_dest_path`, so they compare with this build's; only paths
    # inside the site, as the list is a file anyone could have edited.
    inside = os.path.join(site, "")
    found = {os.path.normpath(os.path.join(site, path)) for path in paths if isinstance(path, str)}
    return {path for path in found if path.startswith(inside)}


def delete_from_site(path: Path, site: Path) -> None:
    """Delete a file of the site, and its folders up to the site's own while they are empty."""
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == site or site not in folder.parents:
            return
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove)
            return
