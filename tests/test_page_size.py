"""Which notes are split into a page per section and which are one page (layout/page_size.py),
and how links, anchors and line spans follow."""

from __future__ import annotations

import json
import re
from html import unescape

from notesite.layout.page_size import DEFAULT_SPLIT_THRESHOLD
from notesite.layout.pages import PageKind, layout_note
from notesite.read.parser import parse_note
from notesite.render.note_pages import PageLinks, render_note


def _note(sections: int, size: int, front_matter: str = "") -> str:
    """A note of `sections` sections of about `size` characters each."""
    head = f"---\n{front_matter}\n---\n" if front_matter else ""
    body = "".join(f"## {n}. Part {n}\n\n{'word ' * (size // 5)}\n\n" for n in range(1, sections + 1))
    return f"{head}# T\n\nlead\n\n{body}"


def _kinds(text: str, threshold: int = DEFAULT_SPLIT_THRESHOLD) -> list[str]:
    layout = layout_note(parse_note(text, "notes/t.md"), "t", split_threshold=threshold)
    return [page.kind.value for page in layout.pages]


def test_a_short_note_is_one_page_and_a_long_one_is_split():
    assert _kinds(_note(3, 300)) == ["overview"]
    assert _kinds(_note(4, 1500)) == ["overview", *["section"] * 4]


def test_a_long_note_of_tiny_sections_stays_one_page():
    # 60 sections of 100 characters: 6,000 in all, but each page would be three lines.
    assert _kinds(_note(60, 100)) == ["overview"]


def test_a_long_note_of_short_sections_stays_one_page():
    # 10 sections of 700 characters: 7,000 in all, but half of them under a fifth of the threshold,
    # so each page would be mostly the site's header and navigation.
    assert _kinds(_note(10, 700)) == ["overview"]
    assert _kinds(_note(10, 1100)) == ["overview", *["section"] * 10]


def test_a_short_preface_of_a_split_note_is_on_its_overview():
    preface = "# T\n\nlead\n\n## Preface\n\nwhy\n\n## Contents\n\n- a\n\n"
    long = "".join(f"## Part {n}\n\n{'word ' * 300}\n\n" for n in range(1, 5))
    layout = layout_note(parse_note(preface + long, "notes/t.md"), "t")
    assert [page.title for page in layout.pages] == ["T", *[f"Part {n}" for n in range(1, 5)]]
    assert [s.title for s in layout.lead_sections] == ["Preface", "Contents"]
    # A numbered first section is a page however short; `split: true` gives every section one.
    assert _kinds("# T\n\n## 1. Short\n\nwhy\n\n" + long) == ["overview", *["section"] * 5]
    assert _kinds("---\nsplit: true\n---\n" + preface + long) == ["overview", *["section"] * 6]


def test_the_note_overrides_the_site():
    assert _kinds(_note(3, 300, "split: true")) == ["overview", *["section"] * 3]
    assert _kinds(_note(4, 1500, "split: false")) == ["overview"]
    assert _kinds(_note(3, 300, "split: 500")) == ["overview", *["section"] * 3]
    assert _kinds(_note(3, 300), threshold=0) == ["overview", *["section"] * 3]


def test_a_split_that_cannot_be_read_is_reported_at_its_line_and_the_site_threshold_applies():
    layout = layout_note(parse_note(_note(3, 300, "tags: [a]\nsplit: often"), "notes/t.md"), "t")
    assert [page.kind for page in layout.pages] == [PageKind.OVERVIEW]
    [problem] = layout.problems
    assert (problem.path, problem.line) == ("notes/t.md", 3)
    assert "split" in problem.message and "'often'" in problem.message


def test_a_one_page_note_holds_every_line_but_its_reference_list():
    text = "# T\n\n## 1. A\n\na [1]\n\n## References\n\n1. X. https://x.org\n\n## 2. After\n\nb\n"
    layout = layout_note(parse_note(text, "notes/t.md"), "t")
    assert [page.kind for page in layout.pages] == [PageKind.OVERVIEW, PageKind.BIBLIOGRAPHY]
    assert [s.as_list() for s in layout.overview.spans] == [[1, 6], [11, 13]]
    assert layout.overview.source_span is not None and layout.overview.source_span.as_list() == [1, 13]
    overview = render_note(layout, PageLinks(lambda path, span: None), {}, {})["t/index.md"]
    assert "## 1. A" in overview and "## 2. After" in overview and "\nb\n" in overview
    assert "references/#ref-1" in overview


def _moved(text: str, threshold: int) -> dict[str, str]:
    layout = layout_note(parse_note(text, "notes/t.md"), "t", split_threshold=threshold)
    overview = render_note(layout, PageLinks(lambda path, span: None), {}, {})["t/index.md"]
    found = re.search(r'data-ns-moved="([^"]*)"', overview)
    return json.loads(unescape(found.group(1))) if found else {}


def test_a_split_overview_says_where_each_anchor_of_its_one_page_form_went():
    text = "# T\n\n## 1. A\n\n### Detail\n\na\n\n## 2. B\n\n### Detail\n\nb\n"
    assert _moved(text, threshold=0) == {
        "1-a": "section-1/",
        "detail": "section-1/#detail",
        "2-b": "section-2/",
        # On one page the second "Detail" was detail_1; on its own page it is the first.
        "detail_1": "section-2/#detail",
    }
    assert _moved(text, threshold=10**6) == {}
