"""How a note's headings become its title and the pages it is split into."""

from __future__ import annotations

from notesite.read.parser import parse_note


def note(text: str, path: str = "notes/n.md"):
    return parse_note(text, path)


def messages(parsed) -> list[str]:
    return [f"{d.line}: {d.message}" for d in parsed.diagnostics]


def test_front_matter_title_names_the_note_over_the_h1() -> None:
    parsed = note("---\ntitle: 真正的标题\n---\n# 文件里的标题\n\n## 一\n\ntext\n")
    assert parsed.title == "真正的标题"
    assert not any("titled" in m for m in messages(parsed))


def test_the_h1_names_a_note_without_a_front_matter_title() -> None:
    assert note("# **粗体** 与 [链接](x.md)\n\n## 一\n\ntext\n").title == "粗体 与 链接"


def test_a_note_without_title_is_named_after_its_file_with_a_warning() -> None:
    parsed = note("## 一\n\ntext\n", "notes/java/gc.md")
    assert parsed.title == "gc"
    assert any("titled 'gc' after its file" in m for m in messages(parsed))


def test_a_readme_without_title_is_named_after_its_folder() -> None:
    assert note("## 一\n\ntext\n", "notes/java/README.md").title == "java"


def test_section_titles_are_plain_text() -> None:
    parsed = note("# T\n\n## 1. **粗体**与 `code` 和 [链接](x.md)\n\ntext\n")
    assert parsed.sections[0].title == "1. 粗体与 code 和 链接"


def test_invisible_characters_never_reach_a_title() -> None:
    parsed = note("# T\n\n## a\u202eb\u200bc\n\ntext\n")
    assert parsed.sections[0].title == "abc"


def test_an_empty_heading_is_reported_and_named_by_position() -> None:
    parsed = note("# 标题\n\n## 一\n\n正文\n\n##\n\n更多\n")
    assert parsed.sections[1].title == "第 2 节"
    assert "7: heading has no text; its page is titled '第 2 节'" in messages(parsed)


def test_h1_chapters_become_the_sections() -> None:
    parsed = note("---\ntitle: 书\n---\n# 第一章\n\n## 1.1\n\na\n\n# 第二章\n\nb\n")
    assert parsed.title == "书"
    assert [s.title for s in parsed.sections] == ["第一章", "第二章"]
    assert [c.title for c in parsed.sections[0].children] == ["1.1"]
    assert parsed.section_level == 1


def test_a_note_without_h2_is_split_at_its_h3() -> None:
    parsed = note("# T\n\n### a\n\nx\n\n### b\n\ny\n")
    assert [s.title for s in parsed.sections] == ["a", "b"]
    assert not any("before any section" in m for m in messages(parsed))
