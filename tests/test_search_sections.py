"""What the search reads of a page, heading by heading (hooks/notesite/publish/search_sections.py).

The cases pin each rule; the differential test at the end reads real pages (notes the tests own,
rendered as the site renders them) with Material's own search parser and with ours, and checks
that both cut them at the same headings and keep the same text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from material.plugins.search.plugin import Parser

from notesite.publish.search_sections import PageSection, page_sections
from tests.growth import assert_linear
from tests.test_splitter_differential import EXTENSION_CONFIGS, EXTENSIONS

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_a_page_is_cut_at_each_heading_with_an_id_and_a_leading_h1_names_the_page():
    page = '<h1 id="t">标题</h1><p>导言</p><h2 id="a">一、定义</h2><p>正文</p><h3>无锚</h3><p>续</p>'
    assert page_sections(page) == [
        PageSection(None, "标题", "导言"),
        PageSection("a", "一、定义", "正文 无锚 续"),
    ]


def test_text_before_the_first_heading_belongs_to_the_page():
    assert page_sections('<p>开头</p><h2 id="a">A</h2><p>x</p>') == [
        PageSection(None, "", "开头"),
        PageSection("a", "A", "x"),
    ]


def test_a_page_starting_at_h2_still_has_a_part_of_its_own():
    assert [s.anchor for s in page_sections('<h2 id="a">A</h2><p>x</p>')] == [None, "a"]


def test_permalinks_stay_out_of_titles():
    page = '<h2 id="a">定义<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
    assert page_sections(page)[-1].title == "定义"


def test_excluded_elements_and_scripts_stay_out():
    page = (
        '<h1 id="t">T</h1><p>留下</p><div data-search-exclude class="ns-source"><p>源码行</p></div>'
        "<script>var x = 1;</script><style>p{}</style><p>也留下</p>"
    )
    assert page_sections(page)[0].text == "留下 也留下"


def test_an_excluded_heading_takes_its_whole_section_out():
    page = '<h1 id="t">T</h1><h2 data-search-exclude id="c">各节</h2><p>摘要</p><h2 id="d">D</h2><p>d</p>'
    assert [(s.anchor, s.text) for s in page_sections(page)] == [(None, ""), ("d", "d")]


def test_cells_and_blocks_part_words_and_inline_markup_does_not():
    page = '<h1 id="t">T</h1><table><tr><td>薪资</td><td>Go</td></tr></table><p><strong>算子</strong>融合</p>'
    assert page_sections(page)[0].text == "薪资 Go 算子融合"


def test_entities_are_read_as_characters():
    assert page_sections('<h1 id="t">A &amp; B</h1><p>&lt;div&gt;</p>')[0] == PageSection(
        None, "A & B", "<div>"
    )


def test_an_element_left_out_ends_with_its_own_closing_tag():
    page = '<h1 id="t">T</h1><div data-search-exclude><div>内</div>外</div><p>后</p>'
    assert page_sections(page)[0].text == "后"


# Long runs of markup, and the text read from 2,000 of them: a lone `<` or an entity is text; an
# unfinished tag, comment or excluded element takes the rest of the page with it.
RUNS = {
    "<": "<" * 2_000,
    "<a ": None,
    "<!--": None,
    "<h2 id=": None,
    '<div data-search-exclude><div x="': None,
    "&amp;": "&" * 2_000,
}


@pytest.mark.parametrize("piece", RUNS)
def test_long_runs_of_markup_are_read_as_text_or_left_out(piece):
    text = RUNS[piece]
    assert page_sections(piece * 2_000) == ([PageSection(None, "", text)] if text else [])


@pytest.mark.slow
@pytest.mark.parametrize("piece", RUNS)
def test_reading_is_linear_in_long_runs_of_markup(piece):
    assert_linear(lambda n: page_sections(piece * n), 50_000)


def _material(page: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(page)
    parser.close()
    return [
        (section.id, _squeezed("".join(section.title)), _squeezed("".join(section.text)))
        for section in parser.data
        if not section.is_excluded()
    ]


def _squeezed(text: str) -> str:
    """Text without markup or whitespace: where words part is ours to decide, the text is not."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]*>", "", text))).replace("\u200b", "")


NOTES = sorted(
    [
        *(FIXTURES / "seed").glob("*.md"),
        *(FIXTURES / "search" / "notes").rglob("*.md"),
        *(FIXTURES / "vault").rglob("*.md"),
        *(FIXTURES / "kb").rglob("*.md"),
    ]
)


@pytest.mark.parametrize("note", NOTES, ids=[str(n.relative_to(FIXTURES)) for n in NOTES])
def test_pages_are_cut_and_read_as_materials_search_reads_them(note: Path):
    page = markdown.markdown(
        note.read_text("utf-8"), extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS
    )
    ours = [(s.anchor, _squeezed(s.title), _squeezed(s.text)) for s in page_sections(page)]
    assert ours == _material(page)
