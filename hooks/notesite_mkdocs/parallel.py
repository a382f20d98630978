"""Pages built on every core: worker processes forked from the build as it stands.

MkDocs converts every page's Markdown, then renders the theme's template for each, one page after
the other on one core. `Workers` forks processes that share the build's state at that moment
(pages, navigation, Jinja environment) and each do a job for every n-th page, sending each result
down a pipe; the main process still walks the pages in MkDocs' order, runs every event itself, and
takes each page's result at its turn. Two jobs use it: the notes' pages converted ahead, once the
navigation is known (notesite_mkdocs.note_page), and every page's template rendered once the
Markdown is converted (`Dispatch`: the page's template is swapped for one that takes the worker's
HTML, so `on_page_context`, where search collects, `on_post_page` and writing stay in the main
process, in order). What a worker logs is logged by the main process at that page's turn (so
`--strict` counts it); an error in a worker fails that page with its message.

Workers stay off (MkDocs' own build) under `serve`, without `os.fork`, with `workers: 1`, or when
a plugin with per-page events not known to be free of state another page depends on is on.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, Pipe
from types import ModuleType
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.notesite")

# The template each page is given in the main process, and the global it calls.
DISPATCH = "notesite-rendered.html"
GLOBAL = "notesite_rendered"
# Plugins whose per-page events read the page and keep nothing another page depends on.
KNOWN = frozenset(
    {"search", "material/search", "materialx/search", "tags", "material/tags", "materialx/tags", "notesite"}
)
# A worker may run this far ahead of the main process (bytes in its pipe), not further.
_PIPE_BYTES = 1 << 20


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class WorkerError(Exception):
    """A page's template failed in a worker (its message), or the worker died."""


class Workers:
    """Processes forked from the build as it stands, each doing `job` for every `count`-th page,
    in order; the main process takes each page's result when its turn comes."""

    def __init__(self) -> None:
        self._places: dict[int, int] = {}  # id(page) → its place among the pages handed out
        self._processes: list[tuple[int, Connection]] = []  # (pid, the end the main process reads)

    def start(self, count: int, pages: Sequence[Page], job: Callable[[Page], object]) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        # Objects that exist now are left alone by the collectors, so the workers share them.
        gc.freeze()
        try:
            for number in range(count):
                reader, writer = Pipe(duplex=False)
                _widen(writer)
                pid = os.fork()
                if pid == 0:  # the worker: never returns
                    reader.close()
                    _work(writer, list(enumerate(pages))[number::count], job)
                writer.close()
                self._processes.append((pid, reader))
        finally:
            gc.unfreeze()
        self._places = {id(page): place for place, page in enumerate(pages)}

    def result(self, page: Page) -> Any:
        """What `job` gave for `page` (None: not handed out); raises what it raised."""
        place = self._places.pop(id(page), None)
        if place is None:
            return None
        pid, reader = self._processes[place % len(self._processes)]
        while True:
            try:
                failed, at, value, records = pickle.loads(reader.recv_bytes())
            except (EOFError, OSError):
                raise WorkerError(f"the worker for this page (process {pid}) stopped") from None
            for record in records:
                logging.getLogger(record.name).handle(record)
            if failed:
                raise WorkerError(value)
            if at == place:
                return value

    def close(self) -> None:
        """Workers stopped if still at work, and reaped."""
        for pid, reader in self._processes:
            reader.close()
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        self._processes = []
        self._places = {}


class Dispatch:
    """Each page's template, rendered by workers: the main process renders `DISPATCH` instead,
    whose one call hands back the worker's HTML (and the page's own `template:`)."""

    def __init__(self, workers: Workers) -> None:
        self._workers = workers
        self._templates: dict[int, Any] = {}  # id(page) → its own `template:` (None: not set)
        # id(page) → its HTML, known before the build renders it (unpacked at the page's turn).
        self._ready: dict[int, Callable[[], str]] = {}

    def start(
        self,
        count: int,
        env: jinja2.Environment,
        config: MkDocsConfig,
        nav: Navigation,
        pages: Sequence[Page],
        ready: dict[int, Callable[[], str]] | None = None,
    ) -> None:
        """`ready`: the pages whose HTML is known (notesite_mkdocs.page_cache); the others go to
        `count` workers (none: MkDocs renders them)."""
        self._ready = ready or {}
        rendered = [page for page in pages if id(page) not in self._ready] if count else []
        if rendered:
            doc_files = [page.file for page in pages]
            job = lambda page: _render(page, env, config, nav, doc_files)  # noqa: E731
            self._workers.start(min(count, len(rendered)), rendered, job)
        dispatch = jinja2.DictLoader({DISPATCH: "{{ " + GLOBAL + "(page) }}"})
        env.loader = jinja2.ChoiceLoader([dispatch] if env.loader is None else [dispatch, env.loader])
        env.globals[GLOBAL] = self._rendered
        for page in pages:
            if id(page) in self._ready or rendered:
                self._templates[id(page)] = page.meta.get("template")
                page.meta["template"] = DISPATCH

    def _rendered(self, page: Page) -> Markup:
        template = self._templates.pop(id(page))
        if template is None:
            del page.meta["template"]
        else:
            page.meta["template"] = template
        ready = self._ready.pop(id(page), None)
        return Markup(ready() if ready is not None else self._workers.result(page))


def unsafe_plugins(config: MkDocsConfig) -> list[str]:
    """Plugins that rule workers out: their per-page events would run in two processes."""
    events = ("on_page_context", "on_pre_page", "on_page_markdown")
    return [
        name
        for name, plugin in config.plugins.items()
        if name not in KNOWN and any(_has_event(plugin, event) for event in events)
    ]


def _has_event(plugin: object, event: str) -> bool:
    """A hook file's module has the event as a function; a plugin class defines its own method
    (MkDocs declares the events on BasePlugin for type checkers only)."""
    own = getattr(plugin if isinstance(plugin, ModuleType) else type(plugin), event, None)
    return own is not None and own is not getattr(BasePlugin, event, None)


def _widen(connection: Connection) -> None:
    """Let the worker run ahead by _PIPE_BYTES (Linux; elsewhere the pipe's own size)."""
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.fcntl(connection.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_BYTES)


class _Records(logging.Handler):
    """What a worker logs, sent to the main process with the page."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        self.records.append(record)


def _work(writer: Connection, pages: Sequence[tuple[int, Page]], job: Callable[[Page], object]) -> None:
    """A worker: `job` done for each of its pages, each result sent in order; then it exits."""
    status = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        records = _Records()
        for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
            if isinstance(logger, logging.Logger) and logger.handlers:
                logger.handlers = [records]
        for place, page in pages:
            failed, value = False, None
            try:
                value = job(page)
            except Exception as error:
                failed, value = True, str(error) or repr(error)
            writer.send_bytes(pickle.dumps((failed, place, value, records.records), pickle.HIGHEST_PROTOCOL))
            records.records = []
            if failed:
                break
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _render(
    page: Page, env: jinja2.Environment, config: MkDocsConfig, nav: Navigation, doc_files: list[Any]
) -> str:
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return template.render(context)
    finally:
        page.active = False
        config._current_page = None
