"""The theme as a notesite build loads it (hooks/notesite_mkdocs/theme.py, nav_cache.py).

Templates lose their indentation and the navigation's entries are rendered once per build; what
is published must be byte for byte what Material renders without the cache. The sites compared
hold folders with READMEs, Chinese names, a long note whose pages are grouped, and ordinary pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.templates import url_filter

from notesite_mkdocs import theme
from notesite_mkdocs.nav_cache import MARKER, PATCHES
from scripts.scratch_project import write_config
from tests.conftest import FIXTURES, SEED

pytestmark = pytest.mark.slow

LONG = "# 长笔记\n\n" + "".join(f"## {n}. 第{n}节\n\n正文 {n}。\n\n" for n in range(1, 46))


def _project(root: Path, **config: object) -> Path:
    docs = root / "docs"
    shutil.copytree(FIXTURES / "vault", docs / "notes")
    shutil.copytree(FIXTURES / "kb", docs / "notes" / "kb")
    shutil.copy(SEED, docs / "notes" / "kb" / SEED.name)
    (docs / "notes" / "长笔记.md").write_text(LONG, "utf-8")
    (docs / "about.md").write_text("# About\n\nAn ordinary page.\n", "utf-8")
    return write_config(root, docs, **config)


def _build(config_file: Path) -> dict[str, bytes]:
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    site = Path(config.site_dir)
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_pages_built_with_the_navigation_cache_equal_pages_built_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    cached = _build(_project(tmp_path / "cached", use_directory_urls=directory_urls))
    monkeypatch.setattr(theme, "PATCHES", ())
    plain = _build(_project(tmp_path / "plain", use_directory_urls=directory_urls))
    assert len(cached) > 60 and cached.keys() == plain.keys()
    assert [name for name in cached if cached[name] != plain[name]] == []
    assert not any(MARKER.encode() in page for page in cached.values())


def test_materials_navigation_templates_take_the_patch(tmp_path: Path):
    config = load_config(str(_project(tmp_path)))
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
