"""The theme's templates as a notesite build loads them.

Changes made once per template rather than once per page: the templates lose their indentation
(notesite.render.compact_html: Material indents its markup, and on a page that was half of its bytes;
preformatted elements keep every character) and the lines that hold only a Jinja tag, and
Material's navigation entry is rendered through the build's `NavCache`. What a reader sees is the
same. Compiled templates are kept between serve's rebuilds (`CompiledTemplates`, by each
template's source).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import jinja2
import jinja2.bccache
from mkdocs.theme import Theme

from notesite.render.compact_html import compact_html
from notesite_mkdocs.nav_cache import GLOBAL, PATCHES, NavCache

log = logging.getLogger("mkdocs.plugins.notesite")


class ThemeLoader(jinja2.BaseLoader):
    """The theme's own loader, its templates compacted and the navigation patched."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner
        self.patched: set[str] = set()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        for name, line, routed in PATCHES:
            if template != name:
                continue
            if source.count(line) == 1:
                source = source.replace(line, routed)
                self.patched.add(name)
            else:
                log.debug("%s is not the Material notesite knows: its navigation is not cached", name)
        return trim_tag_lines(compact_html(source)), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates as Jinja compiled them, by name and a checksum of their source: MkDocs makes a
    new environment for every build, and compiling the theme anew took half a serve rebuild."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# A line holding one `{% tag %}` and nothing else (not `{%+`/`+%}`, which ask to keep whitespace).
_TAG_LINE = re.compile(r"^[ \t]*(\{%(?!\+)(?:[^%\n]|%(?!\}))*(?<!\+)%\})[ \t]*\n", re.MULTILINE)
_RAW = re.compile(r"\{%[-+]?\s*raw\b")


def trim_tag_lines(source: str) -> str:
    """A line that holds only a `{% tag %}` leaves nothing behind, as Jinja's trim_blocks and
    lstrip_blocks would make it for such lines alone: Material's templates are mostly such lines,
    and each left an empty line on every page (4 % of a vault's site). No text shares those lines,
    so only whitespace between markup goes (tests/test_fast_paths.py compares every page's
    elements, attributes and words). Templates with `{% raw %}` are left as they are."""
    return source if _RAW.search(source) else _TAG_LINE.sub(r"\1", source)


def install(env: jinja2.Environment, compiled: CompiledTemplates | None = None) -> NavCache:
    """Load this build's templates through ThemeLoader, with a navigation cache of their own."""
    cache = NavCache(env)
    env.globals[GLOBAL] = cache
    if env.loader is not None and not isinstance(env.loader, ThemeLoader):
        env.loader = ThemeLoader(env.loader)
    if compiled is not None:
        env.bytecode_cache = compiled
    return cache


def compile_once(theme: Theme, compiled: CompiledTemplates) -> None:
    """Every environment `theme` makes keeps its templates compiled in `compiled`: MkDocs makes a
    new theme with each config, and Material's search compiles its translations in three
    environments of its own on every serve rebuild. (`install` gives the build's own environment
    the cache of the templates as notesite loads them.)"""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = compiled
        return env

    setattr(theme, "get_env", get_env)  # noqa: B010 (mypy will not have a method assigned)
