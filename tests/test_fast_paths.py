"""Each shortcut the build takes publishes the pages MkDocs and Material would write without it:
byte for byte, or, for templates that leave no empty lines (notesite_mkdocs.theme.trim_tag_lines), with
the same elements, attributes, words and scripts.

A vault with folders and READMEs, Chinese names, links of every form, a long note whose pages are
grouped, a note that uses every Markdown extension the site configures on two pages (footnotes,
abbreviations, link definitions, tabs, numbered code lines: state a converter must not carry from
one page to the next), and an ordinary page is built in this process twice, with the shortcut and without, and
every page is compared byte for byte, with directory URLs and with file URLs.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from notesite_mkdocs import theme
from notesite_mkdocs.nav_cache import MARKER
from notesite_mkdocs.note_page import NotePage
from scripts.scratch_project import write_config
from tests.conftest import FIXTURES, SEED

pytestmark = pytest.mark.slow

LONG = "# 长笔记\n\n" + "".join(f"## {n}. 第{n}节\n\n正文 {n}。\n\n" for n in range(1, 46))


def project(root: Path, **config: object) -> Path:
    docs = root / "docs"
    shutil.copytree(FIXTURES / "vault", docs / "notes")
    shutil.copytree(FIXTURES / "kb", docs / "notes" / "kb")
    shutil.copy(SEED, docs / "notes" / "kb" / SEED.name)
    (docs / "notes" / "长笔记.md").write_text(LONG, "utf-8")
    shutil.copy(FIXTURES / "markdown" / "every-extension.md", docs / "notes" / "every-extension.md")
    (docs / "about.md").write_text("# About\n\nAn ordinary page.\n", "utf-8")
    # Section pages split as long notes are: the shortcuts are checked on many pages.
    return write_config(root, docs, plugins={"notesite": {"split_threshold": 0}}, **config)


def _build(config_file: Path) -> dict[str, bytes]:
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    site = Path(config.site_dir)
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


# Each shortcut, and how to build without it.
WITHOUT: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    # Material renders every navigation entry on every page (notesite_mkdocs.nav_cache).
    "navigation cache": lambda patch: patch.setattr(theme, "PATCHES", ()),
    # MkDocs builds a Markdown converter per page (notesite_mkdocs.note_page).
    "shared converter": lambda patch: patch.setattr(NotePage, "render", Page.render),
}


@pytest.mark.parametrize("shortcut", WITHOUT)
@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_pages_built_with_a_shortcut_equal_pages_built_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shortcut: str, directory_urls: bool
):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    taken = _build(project(tmp_path / "taken", use_directory_urls=directory_urls))
    WITHOUT[shortcut](monkeypatch)
    plain = _build(project(tmp_path / "plain", use_directory_urls=directory_urls))
    assert len(taken) > 60 and taken.keys() == plain.keys()
    assert [name for name in taken if taken[name] != plain[name]] == []
    assert not any(MARKER.encode() in page for page in taken.values())


def _reading(page: bytes) -> tuple[object, ...]:
    """What a reader gets of a page: its elements with their attributes, its words, its scripts'
    lines and its preformatted text as written."""
    html = page.decode("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    elements = [
        (
            tag.name,
            sorted(
                (k, " ".join(v) if isinstance(v, list) else " ".join(v.split())) for k, v in tag.attrs.items()
            ),
        )
        for tag in soup.find_all(True)
    ]
    scripts = [
        re.sub(r"\s*\n\s*", "\n", tag.get_text()).strip() for tag in soup.find_all(["script", "style"])
    ]
    preformatted = [tag.decode() for tag in soup.find_all(["pre", "textarea"])]
    return elements, soup.get_text("").split(), scripts, preformatted


def test_trimmed_templates_give_readers_the_same_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    trimmed = _build(project(tmp_path / "trimmed"))
    monkeypatch.setattr(theme, "trim_tag_lines", lambda source: source)
    plain = _build(project(tmp_path / "plain"))
    assert trimmed.keys() == plain.keys()
    assert sum(map(len, trimmed.values())) < 0.97 * sum(map(len, plain.values()))
    assert [name for name in trimmed if _reading(trimmed[name]) != _reading(plain[name])] == []
