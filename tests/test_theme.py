"""The theme as a notesite build loads it (hooks/notesite_mkdocs/theme.py, nav_cache.py): templates
lose their indentation and the navigation's entries are rendered once per build. That the pages
are byte for byte what Material renders without the cache is tests/test_fast_paths.py's."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
from mkdocs.config import load_config
from mkdocs.utils.templates import url_filter

from notesite_mkdocs import theme
from notesite_mkdocs.nav_cache import PATCHES
from tests.test_fast_paths import project


def test_materials_navigation_templates_take_the_patch(tmp_path: Path):
    config = load_config(str(project(tmp_path)))
    env = config.theme.get_env()
    theme.install(env)
    for name, _, routed in PATCHES:
        source, _, _ = env.loader.get_source(env, name)
        assert routed in source, name
    assert env.loader.patched == {name for name, _, _ in PATCHES}


def test_templates_lose_their_indentation_but_not_inside_preformatted_text():
    loader = theme.ThemeLoader(
        jinja2.DictLoader({"t.html": "<div>\n    <p>{{ x }}</p>\n    <pre>a\n    b</pre>\n</div>"})
    )
    env = jinja2.Environment(loader=loader)
    assert env.get_template("t.html").render(x=1) == "<div>\n<p>1</p>\n<pre>a\n    b</pre>\n</div>"


def test_an_entry_is_rendered_once_and_linked_from_each_page():
    entry_template = (
        '{% macro render(entry, path, level) %}<a href="{{ entry.url | url }}">gc</a>{% endmacro %}'
    )
    page_template = (
        '{% import "partials/nav-item.html" as item with context %}'
        '{{ notesite_nav_entry(item.render, entry, "__nav_1", 1) }}'
    )
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"partials/nav-item.html": entry_template, "page.html": page_template})
    )
    env.filters["url"] = url_filter
    cache = theme.install(env)
    entry = SimpleNamespace(active=False, url="java/gc/")
    seen = [
        env.get_template("page.html").render(page=SimpleNamespace(url=url), base_url="", entry=entry)
        for url in ("java/gc/old/", "数据库/x/", "java/")
    ]
    assert seen == ['<a href="../">gc</a>', '<a href="../../java/gc/">gc</a>', '<a href="gc/">gc</a>']
    assert cache.hits == 2


def test_only_lines_holding_nothing_but_one_tag_are_trimmed():
    source = (
        "a\n  {% if x %}\n<b>{{ y }}</b>{% endif %}\n<b>z</b>\n"
        '{%+ if a %}\n{% if b +%}\n{% a %}{% b %}\n{% set p = "%" %}\nend'
    )
    assert theme.trim_tag_lines(source) == (
        "a\n{% if x %}<b>{{ y }}</b>{% endif %}\n<b>z</b>\n"
        '{%+ if a %}\n{% if b +%}\n{% a %}{% b %}\n{% set p = "%" %}end'
    )
    for raw in ["{% raw %}\n{% if x %}\n{% endraw %}\n", "{%- raw %}\n{% if x %}\n{%- endraw %}\n"]:
        assert theme.trim_tag_lines(raw) == raw
