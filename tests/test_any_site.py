"""A site of anyone's: only `site_name`, `theme` and `plugins: [search, notesite]` in mkdocs.yml.

The plugin sets up the Markdown extensions and theme parts its pages need (test_site_setup.py has
the rules); here such a site is built and every page is read with an HTML parser.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, ROOT, SEED, Built, mkdocs_build

NOTES = FIXTURES / "anysite"
# Markdown and attribute syntax that must never reach a reader: attribute lists, links to .md
# files, admonitions and tabs left unparsed.
RAW = re.compile(r"\{[:#.][^}]*\}|\]\([^)]*\)|\.md\)|^\s*(?:!!!|\?\?\?|===)\s", re.MULTILINE)


def minimal_site(root: Path, sources: list[Path] | None = None, **settings: object) -> Path:
    """root/mkdocs.yml as a new user writes it, with `sources` as its notes (by default the
    seed and the fixtures' notes)."""
    notes = root / "docs" / "notes"
    notes.mkdir(parents=True)
    for note in sources or [SEED, *NOTES.glob("*.md")]:
        (notes / note.name).write_text(note.read_text("utf-8"), "utf-8")
    config = {
        "site_name": "Notes",
        "theme": {"name": "material"},
        "plugins": ["search", "notesite"],
        "docs_dir": str(root / "docs"),
        "site_dir": str(root / "site"),
        **settings,
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def pages(built: Built) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(built.site).as_posix(): BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in sorted(built.site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(minimal_site(tmp_path_factory.mktemp("any-site")), "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.mark.slow
def test_no_page_shows_markdown_or_attribute_syntax(built):
    shown = []
    for path, soup in pages(built).items():
        content = soup.select_one(".md-content") or soup
        for text in content.find_all(string=True):
            if not text.find_parent(["code", "pre", "script", "style"]) and RAW.search(text):
                shown.append((path, text.strip()[:80]))
    assert shown == []


@pytest.mark.slow
def test_every_link_within_the_site_reaches_a_page_and_its_anchor(built):
    soups = pages(built)
    broken = []
    for path, soup in soups.items():
        if path == "404.html":
            continue
        for link in soup.select(".md-content a[href]"):
            href = link["href"]
            target = urlsplit(urljoin("https://site/" + path, href))
            if target.netloc != "site":
                continue
            page = unquote(target.path.lstrip("/"))
            page = page + "index.html" if page.endswith("/") or not page else page
            found = page in soups or (built.site / page).is_file()  # a page, or a download
            fragment = unquote(target.fragment)
            if not found or (fragment and page in soups and soups[page].find(id=fragment) is None):
                broken.append((path, href))
    assert broken == []


@pytest.mark.slow
def test_chinese_headings_keep_their_words_in_their_ids(built):
    section = pages(built)["mysql-索引/section-2/index.html"]
    assert section.find(id="32-最左前缀") is not None


@pytest.mark.slow
def test_pages_name_their_note_carry_link_cards_and_ask_for_no_web_fonts(built):
    soups = pages(built)
    section = soups["english/why-b-trees/index.html"]
    assert section.title.string == "Why B+ trees · Index basics - Notes"
    assert section.find("meta", property="og:title")["content"] == "Why B+ trees · Index basics"
    for path, soup in soups.items():
        hosts = {urlsplit(link["href"]).netloc for link in soup.find_all("link", href=True)}
        assert "fonts.googleapis.com" not in hosts, path
    assert soups["404.html"].find("h1") is not None


@pytest.mark.slow
def test_a_sites_own_templates_win_and_its_conflicting_slugify_is_named(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "main.html").write_text(
        '{% extends "base.html" %}{% block extrahead %}<meta name="own">{% endblock %}'
    )
    # The site's own slugify (the default one, which drops Chinese), in a parent config: a tag
    # the test's YAML loader need not read.
    parent = tmp_path / "base.yml"
    parent.write_text(
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify\n"
    )
    config = minimal_site(tmp_path, theme={"name": "material", "custom_dir": str(own)}, INHERIT=str(parent))
    result = mkdocs_build(config)
    assert result.returncode == 0, result.log
    assert result.log.count("toc's own `slugify` gives headings other ids") == 1
    soup = BeautifulSoup((result.site / "english" / "index.html").read_text("utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "own"}) is not None
    assert soup.find("meta", property="og:title") is None


@pytest.mark.slow
def test_an_english_site_shows_no_chinese_and_counts_in_the_singular(tmp_path):
    # The fixture's English note without its link to a Chinese one.
    note = tmp_path / "english.md"
    note.write_text(
        (NOTES / "english.md").read_text("utf-8").replace(" See [[mysql-索引#3.2 最左前缀]].", "")
    )
    config = minimal_site(
        tmp_path,
        [note],
        theme={"name": "material", "language": "en"},
        plugins=["search", {"notesite": {"labels": {"tags_title": "Topics"}}}],
    )
    result = mkdocs_build(config, "--strict")
    assert result.returncode == 0, result.log
    chinese = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff0c\uff1a]")  # with full-width ( ) , :
    shown = {
        path: chinese.findall(soup.get_text())
        for path, soup in pages(result).items()
        if chinese.search(soup.get_text())
    }
    assert shown == {}
    soups = pages(result)
    assert soups["tags/index.html"].find("h1").get_text().rstrip("¶") == "Topics"
    assert "1 note" in soups["tags/databases/index.html"].get_text()
    assert "1 notes" not in soups["tags/databases/index.html"].get_text()


@pytest.mark.slow
def test_properdocs_builds_the_minimal_site(tmp_path):
    config = minimal_site(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "NOTESITE_LINK_CHECK": "cache", "PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "english" / "index.html").read_text("utf-8"), "html.parser")
    assert soup.find("meta", property="og:title") is not None


@pytest.mark.slow
def test_materialx_builds_the_minimal_site(tmp_path):
    # MaterialX (mkdocs-materialx, theme `materialx`) in a virtual environment of its own, beside
    # the checkout installed as a user installs it.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", str(ROOT), "mkdocs-materialx>=10,<11"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode != 0:
        pytest.skip(f"mkdocs-materialx could not be installed: {install.stderr.strip()[-300:]}")
    config = minimal_site(tmp_path, theme={"name": "materialx"})
    result = subprocess.run(
        [python, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "NOTESITE_LINK_CHECK": "cache", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "english" / "index.html").read_text("utf-8"), "html.parser")
    assert soup.find("meta", property="og:title") is not None
    assert "fonts.googleapis.com" not in str(soup)
