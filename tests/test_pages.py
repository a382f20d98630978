"""Which lines of a note go on which page."""

from __future__ import annotations

from notesite.layout.pages import PageKind, layout_note
from notesite.read.parser import parse_note


def spans(text: str, split_threshold: int = 0) -> dict[str, list[list[int]]]:
    layout = layout_note(parse_note(text, "notes/t.md"), "t", split_threshold=split_threshold)
    return {page.kind.value + ":" + page.src_uri: [s.as_list() for s in page.spans] for page in layout.pages}


def test_a_reference_list_before_the_sections_is_on_the_bibliography_only():
    text = '# T\n## References\n[1] a. "t". https://x.y\n## 1. A\ntext [1]\n'
    assert spans(text) == {
        "overview:t/index.md": [[1, 1]],
        "section:t/section-1.md": [[4, 5]],
        "bibliography:t/references.md": [[2, 3]],
    }


def test_lead_sections_stay_on_the_overview():
    text = "# T\nlead\n## Short answer\nyes\n## 1. A\na\n## 2. B\nb\n"
    layout = layout_note(parse_note(text, "notes/t.md"), "", split_threshold=0)
    assert [p.kind for p in layout.pages] == [PageKind.OVERVIEW, PageKind.SECTION, PageKind.SECTION]
    assert layout.overview.src_uri == "index.md"
    assert layout.overview.spans[0].as_list() == [1, 4]


def test_lines_are_numbered_as_git_numbers_them():
    note = parse_note("# T\u2028still line one\n## 1. A\r\nb\x0cc\n", "notes/t.md")
    assert note.lines == ["# T\u2028still line one", "## 1. A", "b\x0cc"]
    assert note.sections[0].heading.line == 2
