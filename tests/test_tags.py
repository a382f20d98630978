"""Tags: a tree where a tag holds everything below it, hidden `_` tags, chips, index and pages."""

from __future__ import annotations

import json

import pytest

from notesite.knowledge.tags import is_hidden, normalize, tag_key, tag_tree, visible_tags
from tests.conftest import Built
from tests.knowledge_vault import SPLIT_ALL, build_kb


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_kb(tmp_path_factory.mktemp("kb-tags"))
    assert built.returncode == 0, built.log
    return built


# --- the core ---------------------------------------------------------------------------------


def test_a_parent_tag_holds_the_notes_of_every_tag_below_it():
    [root] = tag_tree({"a.md": ["java"], "b.md": ["java/jvm"], "c.md": ["java/jvm/gc"]})
    assert root.all_notes() == ["a.md", "b.md", "c.md"]
    assert [child.name for child in root.children] == ["java/jvm"]
    assert root.children[0].all_notes() == ["b.md", "c.md"]


def test_a_child_tag_alone_creates_its_parents():
    [root] = tag_tree({"a.md": ["后端/java"]})
    assert (root.name, root.notes, root.children[0].name) == ("后端", [], "后端/java")


def test_tags_starting_with_underscore_are_hidden_unless_asked():
    tags = {"a.md": ["_seeds/待分类", "java", "x/_draft"]}
    assert [t.name for t in tag_tree(tags)] == ["java"]
    assert [t.name for t in tag_tree(tags, show_hidden=True)] == ["_seeds", "java", "x"]


def test_hidden_is_any_part_starting_with_underscore():
    assert is_hidden("_seeds/待分类") and is_hidden("a/_b") and not is_hidden("a_b")


def test_obsidian_hash_and_stray_slashes_are_dropped():
    assert normalize("#java/ jvm/") == "java/jvm"


def test_tags_spelled_alike_are_one_tag():
    [root] = tag_tree({"a.md": ["Java"], "b.md": ["java"]})
    assert (root.name, root.notes) == ("Java", ["a.md", "b.md"])


def test_a_tag_named_index_does_not_take_its_parents_page():
    assert tag_key("a/index") == "a/index_"


def test_visible_tags_keep_the_written_order_once_each():
    assert visible_tags(["b", "a", "b", "_x"], show_hidden=False) == ["b", "a"]


# --- the pages --------------------------------------------------------------------------------


@pytest.mark.slow
def test_tag_chips_on_the_overview_link_to_tag_pages(kb):
    chips = kb.html("后端/go-vs-java/").select("nav.ns-tags a.md-tag")
    assert [(a.get_text(), a["href"]) for a in chips] == [
        ("后端/go", "../../tags/后端/go/"),
        ("后端/java", "../../tags/后端/java/"),
    ]


@pytest.mark.slow
def test_hidden_tags_appear_on_no_page(kb):
    pages = [path.read_text("utf-8") for path in kb.site.rglob("*.html")]
    assert not [page for page in pages if "_seeds" in page or "待分类" in page]


@pytest.mark.slow
def test_tag_index_shows_the_hierarchy(kb):
    tree = kb.html("tags/").select_one("ul.ns-tag-tree")
    top = [li.a.get_text() for li in tree.find_all("li", class_="ns-tag-tree__tag", recursive=False)]
    java = tree.find("a", string="java").find_parent("li")
    assert top == ["后端", "数据库"]
    assert [a.get_text() for a in java.select(":scope > ul > li.ns-tag-tree__tag > a.md-tag")] == ["jvm"]


@pytest.mark.slow
def test_tag_index_lists_notes_under_their_tag(kb):
    jvm = kb.html("tags/").find("a", string="jvm").find_parent("li")
    assert [a.get_text() for a in jvm.select(".ns-tag-tree__notes a")] == ["JVM 垃圾回收"]


@pytest.mark.slow
def test_parent_tag_page_lists_notes_of_its_children_with_mastery_and_next_review(kb):
    page = kb.html("tags/后端/java/")
    rows = page.select("table.ns-tag-table tbody tr")
    assert [r.th.get_text() for r in rows] == ["后端开发入门：先学 Go 还是先学 Java？", "JVM 垃圾回收"]
    assert [r.select_one("meter")["value"] for r in rows] == ["0.4", "0.8"]
    assert [r.time["datetime"] for r in rows] == ["2026-11-20", "2026-11-28"]


@pytest.mark.slow
def test_tag_page_links_up_the_tree_and_down_to_its_subtags(kb):
    page = kb.html("tags/后端/java/")
    assert [a.get_text() for a in page.select(".ns-tag-trail a")] == ["标签", "后端"]
    assert [a.get_text() for a in page.select("p.ns-tags a.md-tag")] == ["jvm"]


@pytest.mark.slow
def test_notes_json_lists_tag_pages_and_each_notes_visible_tags(kb):
    index = json.loads((kb.site / "notes.json").read_text("utf-8"))
    tag_pages = [p["title"] for p in index["pages"] if p["kind"] == "tag"]
    tags = {n["title"]: n["tags"] for n in index["notes"]}
    assert "标签：后端/java/jvm" in tag_pages and len(tag_pages) == 6
    assert tags["后端开发入门：先学 Go 还是先学 Java？"] == ["后端/go", "后端/java"]


@pytest.mark.slow
def test_show_hidden_tags_setting_shows_them(tmp_path):
    built = build_kb(tmp_path, config={"plugins": {"notesite": {**SPLIT_ALL, "show_hidden_tags": True}}})
    assert built.returncode == 0, built.log
    chips = [a.get_text() for a in built.html("后端/go-vs-java/").select("nav.ns-tags a")]
    assert "_seeds/待分类" in chips


def test_tags_that_slug_alike_keep_pages_of_their_own():
    assert len({tag_key("C++"), tag_key("C#"), tag_key("c")}) == 3
    assert tag_key("后端/java") == "后端/java"
