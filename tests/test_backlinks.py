"""Backlinks both ways between notes, related notes from front matter, and titles naming notes."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import unquote

import pytest

from notesite.model.diagnostics import Severity
from tests.conftest import Built, build_notes, resolve
from tests.knowledge_vault import GC, GO_JAVA, INDEX, TX, build_kb, core_site


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_kb(tmp_path_factory.mktemp("kb-links"))
    assert built.returncode == 0, built.log
    return built


def backlinks(kb: Built, url: str) -> list[tuple[str, str, str]]:
    """(title, where the link leads, sentence) of each backlink listed on the page at `url`."""
    block = kb.html(url).select_one("section.ns-backlinks")
    if block is None:
        return []
    return [
        (li.a.get_text(), resolve(url, li.a["href"]), li.select_one(".ns-backlinks__context").get_text())
        for li in block.select("li")
    ]


# --- the core ---------------------------------------------------------------------------------


def test_a_link_is_an_edge_from_the_linking_page_to_the_page_of_its_heading(tmp_path):
    site = core_site(tmp_path)
    assert site.knowledge is not None
    [link] = site.knowledge.backlinks.to_page(_layout(site, GC).sections[0])
    assert (link.source.note.path, link.source_page.title, link.target_line) == (GO_JAVA, "1. 语言对比", 15)


def test_links_inside_one_note_are_no_backlinks(tmp_path):
    note = "# A\n\n## 1. One\n\nsee [two](#2-two)\n\n## 2. Two\n\ntext\n"
    site = core_site(tmp_path, {"a.md": note})
    assert site.knowledge is not None and site.knowledge.backlinks.to_note("notes/a.md") == []


def test_the_sentence_around_the_link_is_kept_plain(tmp_path):
    notes = {
        "a.md": "# A\n\nFirst one. See **the** [B note](b.md) here. Last one.\n",
        "b.md": "# B\n\ntext\n",
    }
    site = core_site(tmp_path, notes)
    assert site.knowledge is not None
    [link] = site.knowledge.backlinks.to_note("notes/b.md")
    assert link.sentence == "See the B note here."


def test_an_unknown_related_name_is_a_warning_at_its_line(tmp_path):
    site = core_site(tmp_path)
    [problem] = [d for d in site.diagnostics if "related" in d.message]
    assert (problem.path, problem.line, problem.severity) == (GO_JAVA, 11, Severity.WARNING)
    assert "不存在的笔记" in problem.message


def test_related_names_a_note_by_path_file_name_or_title(tmp_path):
    site = core_site(tmp_path)
    assert site.knowledge is not None
    related = site.knowledge.related
    assert [r.path for r in related[GO_JAVA]] == [GC]  # by file name
    assert [r.path for r in related[INDEX]] == [GO_JAVA]  # by title


# --- the pages --------------------------------------------------------------------------------


@pytest.mark.slow
def test_section_page_that_is_linked_to_lists_the_linking_page(kb):
    assert backlinks(kb, "java/jvm-gc/section-1/") == [
        (
            "后端开发入门：先学 Go 还是先学 Java？ · 1. 语言对比",
            "后端/go-vs-java/section-1/",
            "Java 的内存由虚拟机管理，详见分代回收。",
        )
    ]


@pytest.mark.slow
def test_a_wikilink_to_a_heading_is_a_backlink_on_that_section(kb):
    assert [title for title, _, _ in backlinks(kb, "java/jvm-gc/section-2/")] == ["数据库事务"]


@pytest.mark.slow
def test_backlinks_go_both_ways_between_two_notes(kb):
    to_go_java = [url for _, url, _ in backlinks(kb, "后端/go-vs-java/")]
    to_index = [url for _, url, _ in backlinks(kb, "数据库/索引失效/")]
    assert "数据库/索引失效/section-1/" in to_go_java
    assert to_index == ["后端/go-vs-java/section-2/"]


@pytest.mark.slow
def test_overview_lists_every_link_into_the_note_with_its_target_section(kb):
    block = kb.html("后端/go-vs-java/").select_one("section.ns-backlinks")
    assert block.h2.get_text() == "被以下页面引用"
    targets = [(li.a.get_text(), li.select_one(".ns-backlinks__to")) for li in block.select("li")]
    assert [(title, to.get_text() if to else None) for title, to in targets] == [
        ("JVM 垃圾回收 · 1. 分代回收", "→ 2. 学习路线"),
        ("MySQL 索引失效 · 1. 常见原因", None),
    ]


@pytest.mark.slow
def test_a_section_nobody_links_to_has_no_backlinks(kb):
    assert kb.html("后端/go-vs-java/section-3/").select("section.ns-backlinks") == []


@pytest.mark.slow
def test_backlinks_are_labelled_in_the_sites_language(tmp_path):
    notes = {"a.md": "# Alpha\n\nSee [Beta](b.md) for more.\n", "b.md": "# Beta\n\nThe second note.\n"}
    built = build_notes(tmp_path, notes, config={"theme": {"language": "en"}})
    assert built.html("b/").select_one("section.ns-backlinks h2").get_text() == "Linked from"


@pytest.mark.slow
def test_related_notes_are_links_on_the_overview(kb):
    related = kb.html("数据库/索引失效/").select("section.ns-related a")
    assert [(a.get_text(), resolve("数据库/索引失效/", a["href"])) for a in related] == [
        ("后端开发入门：先学 Go 还是先学 Java？", "后端/go-vs-java/")
    ]


@pytest.mark.slow
def test_every_page_has_its_own_title_naming_its_note(kb):
    titles = Counter(
        kb.html(str(path.relative_to(kb.site).parent) + "/").title.get_text()
        for path in kb.site.rglob("index.html")
        if path.parent != kb.site and "search" not in path.parts and path.parent.name != "404"
    )
    assert [title for title, count in titles.items() if count > 1] == []
    assert "1. 分代回收 · JVM 垃圾回收 - 学习笔记" in titles
    assert "全文 · JVM 垃圾回收 - 学习笔记" in titles


@pytest.mark.slow
def test_og_title_matches_the_page_title(kb):
    page = kb.html("java/jvm-gc/section-2/")
    assert page.find("meta", property="og:title")["content"] == "2. 收集器 · JVM 垃圾回收"


@pytest.mark.slow
def test_navigation_keeps_the_short_page_title(kb):
    nav = [a.get_text(strip=True) for a in kb.html("java/jvm-gc/section-2/").select(".md-nav__link")]
    assert "2. 收集器" in nav and "2. 收集器 · JVM 垃圾回收" not in nav


@pytest.mark.slow
def test_notes_json_lists_backlinks_and_related_notes(kb):
    notes = {
        n["source"].removeprefix("docs/"): n
        for n in json.loads((kb.site / "notes.json").read_text())["notes"]
    }
    gc_links = [(unquote(b["url"]), unquote(b["to"]), b["note"]) for b in notes[GC]["backlinks"]]
    assert gc_links == [
        ("后端/go-vs-java/section-1/", "java/jvm-gc/section-1/", "后端开发入门：先学 Go 还是先学 Java？"),
        ("数据库/事务/", "java/jvm-gc/section-2/", "数据库事务"),
    ]
    assert notes[TX]["backlinks"] == []
    assert [r["title"] for r in notes[GO_JAVA]["related"]] == ["JVM 垃圾回收"]


def _layout(site, path):
    return next(layout for layout in site.layouts if layout.note.path == path)
