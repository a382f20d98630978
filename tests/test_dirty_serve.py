"""`mkdocs serve --dirty` rebuilds only what an edit changed, and publishes what a fresh build does.

A vault is built as serve builds it (in this process, the plugin's serve state kept between
builds), then edited step by step the ways contributors edit: text, titles, links and the
sentences around them, tags, a new note, a deleted note, a broken note and its fix, an ordinary
page. After each dirty rebuild, every file of the served site must equal a fresh build's of the
same docs, the search index included; and a text edit must leave other notes' pages unwritten.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from notesite.publish.search_index import SearchDoc, build_index
from notesite_mkdocs.incremental import DIRTY_WARNING, Served, Stopped
from notesite_mkdocs.plugin import NotesitePlugin
from notesite_mkdocs.serve import ServeState
from tests.conftest import ROOT
from tests.test_fast_paths import project

pytestmark = pytest.mark.slow

GC = "notes/java/jvm/gc.md"
HEAP = "notes/java/jvm/heap.md"
INDEX = "notes/数据库/索引失效.md"


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(docs: Path) -> None:
        text = (docs / path).read_text("utf-8")
        assert old in text, f"{old!r} is not in {path}"
        (docs / path).write_text(text.replace(old, new, 1), "utf-8")

    return edit


def _append(path: str, text: str) -> Callable[[Path], None]:
    def edit(docs: Path) -> None:
        with (docs / path).open("a", encoding="utf-8") as note:
            note.write(text)

    return edit


def _write(path: str, text: str) -> Callable[[Path], None]:
    return lambda docs: (docs / path).write_text(text, "utf-8")


def _delete(path: str) -> Callable[[Path], None]:
    return lambda docs: (docs / path).unlink()


def _first_line(path: str, prefix: str) -> Callable[[Path], str]:
    return lambda docs: next(
        line for line in (docs / path).read_text("utf-8").splitlines() if line.startswith(prefix)
    )


# (what the contributor does, the edit)
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("text at the end of a note", _append(HEAP, "\n一段新的正文。\n")),
    ("lines inserted above the headings other notes link to", lambda docs: _insert_top(docs, HEAP)),
    ("a link to another note's heading", _append(INDEX, "\n另见 [[heap#新生代]] 的说明。\n")),
    (
        "the sentence around that link",
        _replace(INDEX, "另见 [[heap#新生代]] 的说明。", "详见 [[heap#新生代]]。"),
    ),
    ("a section title", lambda docs: _retitle_first_section(docs, GC)),
    ("tags", lambda docs: _insert_front_matter(docs, INDEX, "tags: [数据库/新标签]\n")),
    ("a new note", _write("notes/java/new-note.md", "# 新笔记\n\n## 一、开头\n\n链接到 [GC](jvm/gc.md)。\n")),
    ("a deleted note", _delete("notes/java/new-note.md")),
    ("a broken front matter", _write("notes/java/broken.md", "---\ntitle: [unclosed\n---\n# 坏\n")),
    (
        "the broken note fixed",
        _write("notes/java/broken.md", "---\ntitle: 修好了\n---\n# 好\n\n## 1. 节\n\n正文\n"),
    ),
    ("an ordinary page's title", _replace("about.md", "# About", "# About us")),
    # A page of docs/ takes the address of the generated home page: it stays.
    ("a home page of docs/ added", _write("index.md", "# 首页\n\n自己写的首页。\n")),
    # Its pages, its bibliography's downloads and the folders they were in all go.
    ("a note with references deleted", _delete("notes/kb/inference-vs-operator-dev.md")),
]


def _insert_top(docs: Path, path: str) -> None:
    lines = (docs / path).read_text("utf-8").splitlines(keepends=True)
    first_h2 = next(i for i, line in enumerate(lines) if line.startswith("## "))
    lines[first_h2:first_h2] = ["插入的一行。\n", "\n", "又一行。\n", "\n"]
    (docs / path).write_text("".join(lines), "utf-8")


def _retitle_first_section(docs: Path, path: str) -> None:
    heading = _first_line(path, "## ")(docs)
    _replace(path, heading, heading + "（改）")(docs)


def _insert_front_matter(docs: Path, path: str, entry: str) -> None:
    text = (docs / path).read_text("utf-8")
    head = "---\n" + entry
    (docs / path).write_text(head + text[4:] if text.startswith("---\n") else head + "---\n" + text, "utf-8")


def _files(site: Path) -> dict[str, bytes]:
    """Every file of the site by its path, and every folder (as "/"), empty ones included."""
    return {p.relative_to(site).as_posix(): p.read_bytes() if p.is_file() else b"/" for p in site.rglob("*")}


def _plugin() -> NotesitePlugin:
    """The plugin instance MkDocs keeps for the life of this process, as serve's builds share it."""
    plugin = load_config(str(ROOT / "mkdocs.yml")).plugins["notesite"]
    assert isinstance(plugin, NotesitePlugin)
    return plugin


@pytest.fixture
def serve_state(monkeypatch: pytest.MonkeyPatch):
    """The plugin, its serve state fresh for this test and put back after it."""
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    plugin = _plugin()
    monkeypatch.setattr(plugin, "serve", ServeState())
    yield plugin
    plugin.serve.close()


def _build(config_file: Path, site: Path, command: str, dirty: bool) -> None:
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=dirty)
    build(config, dirty=dirty)
    _plugin().serve.served.settle()


def _fresh_build(config_file: Path, site: Path) -> None:
    """`mkdocs build` as another process would run it, leaving the server's state as it was."""
    plugin = _plugin()
    kept, plugin.serve = plugin.serve, ServeState()
    try:
        _build(config_file, site, "build", dirty=False)
    finally:
        plugin.serve = kept


def test_each_dirty_rebuild_publishes_what_a_fresh_build_does(tmp_path: Path, serve_state):
    config_file = project(tmp_path / "project")
    docs = config_file.parent / "docs"
    served = tmp_path / "served"
    _build(config_file, served, "serve", dirty=True)
    for number, (what, edit) in enumerate(EDITS):
        edit(docs)
        # Every page dated 1970, so a page written now shows on any file system's clock.
        before = list(served.rglob("*.html"))
        for page in before:
            os.utime(page, ns=(0, 0))
        hits = serve_state.serve.rendered.hits
        serve_state.on_startup(command="serve", dirty=True)
        build(load_config(str(config_file), site_dir=str(served)), dirty=True)
        serve_state.serve.served.settle()
        fresh = tmp_path / f"fresh-{number}"
        _fresh_build(config_file, fresh)
        got, want = _files(served), _files(fresh)
        assert (sorted(set(got) - set(want)), sorted(set(want) - set(got))) == ([], []), what
        assert [name for name in want if got[name] != want[name]] == [], what
        if number == 0:
            # Text at the end of a note rewrites that note's pages, not every page of the site,
            # and the other notes' Markdown is the last build's.
            rewritten = [p for p in before if p.exists() and p.stat().st_mtime_ns != 0]
            assert 0 < len(rewritten) < len(before) // 4, rewritten
            assert serve_state.serve.rendered.hits - hits >= 4


def test_mkdocs_warning_that_dirty_builds_are_wrong_is_not_shown(
    tmp_path: Path, serve_state, caplog: pytest.LogCaptureFixture
):
    build_log = logging.getLogger("mkdocs.commands.build")
    config_file = project(tmp_path / "project")
    site = tmp_path / "served"
    _build(config_file, site, "serve", dirty=True)

    def warned() -> list[str]:
        caplog.clear()
        with caplog.at_level("WARNING"):
            build(load_config(str(config_file), site_dir=str(site)), dirty=True)
        serve_state.serve.served.settle()
        return [r.getMessage() for r in caplog.records if "'dirty' build" in r.getMessage()]

    build_log.removeFilter(DIRTY_WARNING)
    try:
        assert warned(), "MkDocs no longer warns on dirty builds: the filter has nothing to do"
    finally:
        serve_state.on_startup(command="serve", dirty=True)
    assert warned() == []


def test_a_build_never_deletes_what_another_site_of_the_process_holds(tmp_path: Path, serve_state):
    first, second = project(tmp_path / "first"), project(tmp_path / "second")
    (second.parent / "docs" / "notes" / "kb" / "inference-vs-operator-dev.md").unlink()
    for command, dirty in [("build", False), ("serve", True)]:
        _build(first, tmp_path / f"first-{command}", command, dirty)
        kept = _files(tmp_path / f"first-{command}")
        _build(second, tmp_path / f"second-{command}", command, dirty)
        assert _files(tmp_path / f"first-{command}") == kept, command


def test_search_settings_changed_in_mkdocs_yml_reach_a_served_site(tmp_path: Path, serve_state):
    config_file = project(tmp_path / "project")
    served = tmp_path / "served"
    _build(config_file, served, "serve", dirty=True)
    index = served / "search" / "search_index.json"
    manifest = json.loads(index.read_text("utf-8"))["config"]["notesite"]
    text = config_file.read_text("utf-8").replace("- search\n", "- search:\n    separator: '[\\s\\-]+'\n")
    config_file.write_text(text, "utf-8")
    _build(config_file, served, "serve", dirty=True)
    settings = json.loads(index.read_text("utf-8"))["config"]
    assert settings["separator"] == "[\\s\\-]+"
    assert settings["notesite"] == manifest  # the same pages: the same index


def test_a_title_given_in_the_nav_names_a_generated_page(tmp_path: Path, serve_state):
    config_file = project(tmp_path / "project")
    text = config_file.read_text("utf-8") + "nav:\n- 自定义标题: java/jvm/gc/index.md\n- about.md\n"
    config_file.write_text(text, "utf-8")
    site = tmp_path / "site"
    _build(config_file, site, "build", dirty=False)
    page = BeautifulSoup((site / "java" / "jvm" / "gc" / "index.html").read_text("utf-8"), "html.parser")
    assert "自定义标题" in [a.get_text(" ", strip=True) for a in page.select("nav.md-nav a")]


def test_an_edit_to_an_inherited_config_rebuilds_every_page(tmp_path: Path, serve_state):
    config_file = project(tmp_path / "project")
    parent = tmp_path / "parent.yml"
    text = config_file.read_text("utf-8")
    inherited = next(line for line in text.splitlines() if line.startswith("INHERIT:"))
    parent.write_text(f"{inherited}\nsite_name: 旧名\n", "utf-8")
    config_file.write_text(text.replace(inherited, f"INHERIT: {parent}"), "utf-8")
    served = tmp_path / "served"
    _build(config_file, served, "serve", dirty=True)
    parent.write_text(f"{inherited}\nsite_name: 新的站点名字\n", "utf-8")
    _build(config_file, served, "serve", dirty=True)
    fresh = tmp_path / "fresh"
    _fresh_build(config_file, fresh)
    got, want = _files(served), _files(fresh)
    assert [name for name in want if got.get(name) != want[name]] == []
    assert "新的站点名字".encode() in got["java/jvm/gc/index.html"]


def test_a_build_that_starts_stops_the_index_still_being_made():
    served, seen = Served(), []

    def index(stopped) -> None:
        for _ in range(3000):  # at most 30 s, then it would say it was never told
            if stopped():
                seen.append("stopped")
                return
            time.sleep(0.01)
        seen.append("never told")

    served.later(index)
    served.settle(stop=True)
    assert seen == ["stopped"]
    served.later(lambda stopped: seen.append(stopped()))
    served.settle()
    assert seen == ["stopped", False]


def test_work_done_apart_gives_its_result_or_gives_way():
    served = Served()
    docs = [
        SearchDoc(f"p{n}/", f"标题{n}", "线程池 cuda " * 20, f"标题{n}", "笔记", "section") for n in range(50)
    ]
    asked: list[bool] = []

    def stopped_on_the_third_question() -> bool:
        asked.append(True)
        return len(asked) >= 3

    with pytest.raises(Stopped):
        served.apart(stopped_on_the_third_question, time.sleep, 60)  # ended, not waited for
    assert len(asked) == 3
    assert served.apart(lambda: False, build_index, docs, {}) == build_index(docs, {})
    with pytest.raises(ZeroDivisionError):
        served.apart(lambda: False, divmod, 1, 0)


def test_a_build_stops_the_index_of_the_last_one_before_it_reads_the_notes(
    tmp_path: Path, serve_state, monkeypatch: pytest.MonkeyPatch
):
    config_file = project(tmp_path / "project")
    served = tmp_path / "served"
    _build(config_file, served, "serve", dirty=True)
    events: list[str] = []

    def index(stopped) -> None:
        for _ in range(3000):  # at most 30 s, then it says it was never told
            if stopped():
                events.append("index stopped")
                raise Stopped
            time.sleep(0.01)
        events.append("never told")

    serve_state.serve.served.later(index)
    on_files = serve_state.on_files
    monkeypatch.setattr(
        serve_state, "on_files", lambda *args, **kwargs: events.append("files") or on_files(*args, **kwargs)
    )
    build(load_config(str(config_file), site_dir=str(served)), dirty=True)
    serve_state.serve.served.settle()
    assert events[:2] == ["index stopped", "files"]


def test_a_rebuild_says_again_only_the_info_messages_an_edit_changed(
    tmp_path: Path, serve_state, caplog: pytest.LogCaptureFixture
):
    config_file = project(tmp_path / "project")
    docs = config_file.parent / "docs"
    notes = sorted((docs / "notes").rglob("*.md"))
    (notes[0]).write_text("# Linking\n\nsee [[no such note]]\n", "utf-8")
    site = tmp_path / "served"

    def said() -> list[str]:
        caplog.clear()
        with caplog.at_level("INFO", logger="mkdocs.plugins.notesite"):
            _build(config_file, site, "serve", dirty=True)
        messages = [r for r in caplog.records if r.levelname == "INFO"]
        return [r.getMessage() for r in messages if re.match(r"notes/.*:\d+: ", r.getMessage())]

    first = said()
    assert any("no such note" in message for message in first), first
    assert said() == []  # nothing changed: nothing repeated (warnings are, as MkDocs repeats its own)
    notes[0].write_text("# Linking\n\nsee [[still no such note]]\n", "utf-8")
    again = said()
    assert again and all("still no such note" in message for message in again), again
    # A one-off build says everything.
    caplog.clear()
    with caplog.at_level("INFO", logger="mkdocs.plugins.notesite"):
        _fresh_build(config_file, tmp_path / "fresh")
    assert any("still no such note" in r.getMessage() for r in caplog.records)
