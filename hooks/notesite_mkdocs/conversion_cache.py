"""Generated pages' Markdown converted to HTML once per content, kept between builds.

Converting a page's Markdown is the largest part of a build, and a page whose Markdown did not
change converts to the same HTML as long as what the conversion reads besides it is the same: the
Markdown extensions and their settings (`extensions_key`), the page's own path and URL, and the
files its relative links resolve to. The last is learnt while converting: MkDocs' link processor
asks the build's `Files` for each link's target, and `RecordingFiles` notes each answer (the
target's URL and whether it is published). An entry is reused only when every such answer is the
same in this build. A conversion that logged anything (a link MkDocs could not resolve) is not
kept, so the next build converts the page again and says it again.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import File, Files

from notesite_mkdocs.build_cache import Used
from notesite_mkdocs.incremental import digest

# A link target as a page's conversion saw it: its URL and whether it is published, or None.
Seen = tuple[str, bool] | None


@dataclass(frozen=True)
class Converted:
    """What MkDocs' `Page.render` leaves on a page, as plain data."""

    content: str
    toc_tokens: list[dict[str, Any]]
    title: str | None
    present_anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]]  # target src_uri → anchor → link as written
    lookups: dict[str, Seen]  # src_uri asked for → what it was then


class RecordingFiles:
    """The build's `Files` as a page's link processor sees it, noting each lookup."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, Seen] = {}

    def get_file_from_path(self, path: str) -> File | None:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = _seen(found)
        return found


def _seen(file: File | None) -> Seen:
    return None if file is None else (file.url, file.inclusion.is_excluded())


class ConversionCache(Used[Converted]):
    """Converted pages by page and Markdown; after each build only what that build used is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.hits = 0

    def get(self, key: str, files: Files) -> Converted | None:
        converted = self.kept.get(key)
        if converted is None:
            return None
        if any(_seen(files.get_file_from_path(path)) != seen for path, seen in converted.lookups.items()):
            return None
        self.hits += 1
        self.use(key, converted)
        return converted

    def put(self, key: str, converted: Converted, reused: bool = False) -> None:
        """Keeps `converted` for the next build; `reused`: it came from this cache (in a worker)."""
        self.hits += reused
        self.use(key, converted)

    def end_build(self) -> None:
        super().end_build()
        self.hits = 0


def page_key(markdown: str, src_uri: str, url: str, extensions: str) -> str:
    return digest(extensions, src_uri, url, markdown)


def extensions_key(config: Any) -> str:
    """The Markdown extensions, their settings and the link settings a conversion follows, as a
    digest that is the same in every process (functions by their names, never their addresses)."""
    validation = config.validation.links
    settings = [
        config["markdown_extensions"],
        config["mdx_configs"],
        config.use_directory_urls,
        [validation.absolute_links, validation.unrecognized_links, validation.not_found],
    ]
    return digest(json.dumps(settings, sort_keys=True, default=by_name, ensure_ascii=False))


def by_name(value: object) -> object:
    """A value json cannot write, as the same text in every process (a function by its name)."""
    if isinstance(value, functools.partial):
        return [by_name(value.func), list(value.args), value.keywords]
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    # Anything else by its repr: if that holds an address, the entries are simply never reused.
    return repr(value)


class LogCount(logging.Handler):
    """Counts what is logged while one page converts."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def counting_logs() -> Iterator[LogCount]:
    """MkDocs' loggers do not pass records on to the root logger, so both are watched."""
    counter = LogCount()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(counter)
    try:
        yield counter
    finally:
        for logger in loggers:
            logger.removeHandler(counter)
