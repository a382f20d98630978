"""Which bracketed numbers are citations: only in prose, only naming the reference list."""

from __future__ import annotations

import string

import pytest
from bs4 import BeautifulSoup

from notesite.layout.pages import layout_note
from notesite.model.inline import scan_inline
from notesite.read.citations import find_citations
from notesite.read.parser import parse_note
from notesite.render.note_pages import PageLinks, render_note

REFERENCES = '## References\n[1] S. "T". https://e.com/1\n[2] S. "U". https://e.com/2\n'


def note_with(prose: str, references: str = REFERENCES):
    return parse_note(f"# T\n## 1. A\n{prose}\n{references}", "notes/t.md")


def cited(prose: str) -> list[str]:
    return [citation.text for citation in note_with(prose).citations]


def warnings(prose: str) -> list[str]:
    return [d.message for d in note_with(prose).diagnostics if d.severity.value == "warning"]


def test_a_citation_in_prose_is_found():
    assert cited("优化 [1]，见 [2]。") == ["[1]", "[2]"]


def test_without_a_reference_list_nothing_is_a_citation():
    parsed = note_with("see [1]", references="")
    assert parsed.citations == []


@pytest.mark.parametrize(
    "prose",
    [
        "code `a[1]` here",
        "``x [1] y`` here",
        "math $a[1]$ here",
        "link [see [1]](https://x.y) here",
        "image ![fig [1]](p.png) here",
        "target [a](https://x.y/[1]) here",
        "wiki [[1]] and ![[2]] here",
        '<img src="[1].png">',
    ],
)
def test_no_citation_inside_code_math_links_images_or_wikilinks(prose):
    assert cited(prose) == []


def test_a_regex_class_naming_no_reference_stays_text_without_warning():
    parsed = note_with("the class [5-9] matches")
    assert parsed.citations == []
    assert not any("citation" in d.message for d in parsed.diagnostics)


def test_an_array_naming_no_reference_stays_text():
    assert cited("the array [0,127] holds") == []


def test_a_group_naming_none_is_dropped_from_a_run_of_groups():
    assert cited("see [1][99][2]") == ["[1]", "[2]"]


def test_a_group_naming_some_missing_references_warns_once_with_its_line():
    parsed = note_with("see [1-5]")
    found = [(d.line, d.message) for d in parsed.diagnostics if "citation" in d.message]
    assert found == [(3, "citation [1-5] names references [3-5], which the reference list do not have")]


def test_a_citation_lists_the_references_it_names():
    (citation,) = note_with("see [1-5]").citations
    assert (citation.numbers, citation.missing) == ((1, 2), ((3, 5),))


def test_a_long_list_of_ranges_warns_once():
    ranges = ",".join(f"{low}-{low + 199}" for low in range(1, 2000 * 200, 200))
    parsed = note_with(f"see [{ranges}]")
    assert len([d for d in parsed.diagnostics if "citation" in d.message]) == 1
    assert parsed.citations[0].numbers == (1, 2)
    assert parsed.citations[0].missing == ((3, 400000),)


def test_a_number_longer_than_six_digits_is_no_citation():
    assert find_citations("see [1234567] and [" + "9" * 5000 + "]", 1) == []


def test_a_six_digit_number_is_still_read():
    assert [c.numbers for c in find_citations("see [123456]", 1)] == [(123456,)]


def test_masked_inlines_are_skipped_when_given_to_find_citations():
    line = "[a [1]](u) and [2]"
    assert [c.text for c in find_citations(line, 1, {1, 2}, scan_inline(line))] == ["[2]"]


# Linear time: each finishes on 10^5 characters (the suite's timeout guards) with the right answer.

N = 100_000


@pytest.mark.parametrize(
    "line",
    ["[" * N, "[1" + " " * N, "[1," * N, "[1-" * N, "1" * N, "[" + "1" * N + "]", "【1，" * N],
)
def test_adversarial_lines_hold_no_citation(line):
    assert find_citations(line, 1, {1}) == []


def test_many_citations_on_one_line_are_each_found():
    assert len(find_citations("a[1] [2] " * (N // 9), 1, {1, 2})) == N // 9  # `a[1]` is an index


def test_a_reference_cited_703_times_links_back_with_wikipedia_labels():
    note = note_with("a [1]。" * 703)
    pages = render_note(layout_note(note, "t", split_threshold=0), PageLinks(lambda path, span: None), {}, {})
    entry = BeautifulSoup(pages["t/references.md"], "html.parser").select_one("#ref-1")
    backlinks = [
        (a.get_text(), a["href"].removeprefix("../section-1/#cite-")) for a in entry.select("a.ns-backlink")
    ]
    letters = string.ascii_lowercase
    expected = [*letters, *(a + b for a in letters for b in letters), "aaa"]
    assert backlinks == [(label, str(index)) for index, label in enumerate(expected, start=1)]
