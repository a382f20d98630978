"""Resolving the links of a note against a vault: one written form per test."""

from __future__ import annotations

import pytest

from notesite.layout.links import FileTarget, LinkResolver, MissingTarget, NoteTarget, UnresolvedTarget
from notesite.read.parser import parse_note
from tests.knowledge_vault import core_site

GC = "# GC\n\n## 标记清除\n\ntext\n\n## 复制算法\n\n### 优缺点\n\ntext\n\n### 优缺点\n\nagain\n"
HEAP = "# 堆\n\n## 新生代\n\ntext\n"


NOTES = {
    "notes/java/jvm/gc.md": parse_note(GC, "notes/java/jvm/gc.md"),
    "notes/java/jvm/heap.md": parse_note(HEAP, "notes/java/jvm/heap.md"),
    "notes/java/README.md": parse_note("# Java\n", "notes/java/README.md"),
}
FILES = {"notes/java/jvm/images/gc.png", "contributing.md", "notes/public/logo.png"}


def resolve(line: str, where: str = "notes/java/jvm/heap.md"):
    """The targets and messages of the links in one line of a note at `where`."""
    note = parse_note(f"# N\n\n{line}\n", where)
    notes = dict(NOTES, **{where: note})
    found, problems = LinkResolver(notes, FILES, notes.get).links_of(note)
    return [link.target for link in found], [p.message for p in problems]


@pytest.mark.parametrize(
    ("written", "target"),
    [
        ("[a](gc.md)", NoteTarget("notes/java/jvm/gc.md")),
        ("[a](./gc.md#复制算法)", NoteTarget("notes/java/jvm/gc.md", 7)),
        ("[a](../README.md)", NoteTarget("notes/java/README.md")),
        ("[a](../)", NoteTarget("notes/java/README.md")),
        ("[a](/java/jvm/gc.md)", NoteTarget("notes/java/jvm/gc.md")),
        ("[a](/java/jvm/gc)", NoteTarget("notes/java/jvm/gc.md")),
        ("[a](/java/jvm/gc.html)", NoteTarget("notes/java/jvm/gc.md")),
        ("[a](/docs/notes/java/jvm/gc.md)", NoteTarget("notes/java/jvm/gc.md")),
        ("[a](gc.md#%E5%A4%8D%E5%88%B6%E7%AE%97%E6%B3%95)", NoteTarget("notes/java/jvm/gc.md", 7)),
        ("[a](gc.md#优缺点-1)", NoteTarget("notes/java/jvm/gc.md", 13)),
        ("[[gc]]", NoteTarget("notes/java/jvm/gc.md")),
        ("[[gc#优缺点|利弊]]", NoteTarget("notes/java/jvm/gc.md", 9)),
        ("[[java/jvm/gc]]", NoteTarget("notes/java/jvm/gc.md")),
        ("![[gc.png]]", FileTarget("notes/java/jvm/images/gc.png")),
        ("![p](images/gc.png)", FileTarget("notes/java/jvm/images/gc.png")),
        ('<img src="images/gc.png">', FileTarget("notes/java/jvm/images/gc.png")),
        ("[guide](../../../contributing.md)", FileTarget("contributing.md")),
        ("[a](#新生代)", NoteTarget("notes/java/jvm/heap.md")),
        ("![logo](/logo.png)", FileTarget("notes/public/logo.png")),
    ],
)
def test_a_written_link_resolves(written: str, target: object) -> None:
    targets, problems = resolve(written if "新生代" not in written else written + "\n\n## 新生代\n")
    assert problems == []
    if isinstance(target, NoteTarget) and written == "[a](#新生代)":
        assert targets[0].path == "notes/java/jvm/heap.md" and targets[0].line is not None
    else:
        assert targets == [target]


def test_web_links_are_left_alone() -> None:
    assert resolve("[a](https://example.com/x.md) <https://example.com>") == ([], [])


def test_a_link_inside_code_is_no_link() -> None:
    assert resolve("`[a](missing.md)`") == ([], [])


def test_a_missing_file_is_reported_and_kept_where_it_pointed() -> None:
    targets, problems = resolve("[a](./missing.md#x)")
    assert targets == [MissingTarget("notes/java/jvm/missing.md", "x")]
    assert problems == ["link to './missing.md#x' leads to no note or file of the site; check the path"]


def test_a_missing_heading_is_reported_and_links_to_the_note() -> None:
    targets, problems = resolve("[a](gc.md#不存在)")
    assert targets == [NoteTarget("notes/java/jvm/gc.md")]
    assert problems == ["link 'gc.md#不存在': 'notes/java/jvm/gc.md' has no heading '不存在'"]


def test_an_unknown_wikilink_is_a_note_not_written_yet_told_once() -> None:
    targets, problems = resolve("[[nowhere]] [[Nowhere|其他]]")
    assert targets == [UnresolvedTarget("nowhere"), UnresolvedTarget("Nowhere")]
    assert problems == ["'[[nowhere]]' names no note of the vault yet; it is shown as unresolved text"]


def test_a_windows_path_is_read_as_a_browser_reads_it() -> None:
    targets, problems = resolve("![p](.\\gc.md) [q](..\\jvm\\gc.md)")
    assert targets == [NoteTarget("notes/java/jvm/gc.md"), NoteTarget("notes/java/jvm/gc.md")]
    assert problems == []


def test_a_link_to_a_note_that_could_not_be_read_leads_to_the_page_that_says_why(tmp_path) -> None:
    notes = {"broken.md": "---\na: b: c\n---\n# Broken\n", "reader.md": "# Reader\n\nSee [[broken]].\n"}
    site = core_site(tmp_path, notes)
    assert [broken.path for broken in site.broken] == ["notes/broken.md"]
    assert "See [broken](../broken/index.md)." in site.markdown["reader/index.md"].splitlines()
