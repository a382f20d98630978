"""The reference list and inline citations."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

import pytest

from notesite.read.citations import find_citations
from notesite.read.parser import parse_note

from .growth import assert_linear


def references_of(body: str, heading: str = "参考文献"):
    text = f"# T\n## 1. A\ntext\n## {heading}\n\n" + dedent(body).strip() + "\n"
    return parse_note(text, "notes/t.md")


def test_a_reference_with_full_width_brackets_and_domain_is_split_into_fields():
    parsed = references_of(
        '[2] 搜狐科技（sohu.com）. "华为发布《算子开发工具指南》". 介绍了工具套件。'
        "https://www.sohu.com/a/902929764_121948932"
    )
    (ref,) = parsed.references
    assert (ref.number, ref.source, ref.domain) == (2, "搜狐科技", "sohu.com")
    assert ref.title == "华为发布《算子开发工具指南》"
    assert ref.description == "介绍了工具套件"
    assert ref.url == "https://www.sohu.com/a/902929764_121948932"
    assert ref.span.as_list() == [6, 6]


@pytest.mark.parametrize(
    "line",
    [
        '[1] Source (example.com). "A title". About it. https://example.com/a',
        "[1] Source（example.com）。“A title”。About it。https://example.com/a",
        "【1】 Source (example.com). 「A title」. About it. https://example.com/a",
        "1. Source (example.com). 'A title'. About it. https://example.com/a",
        '- [1] Source (example.com). "A title". About it. https://example.com/a',
    ],
)
def test_punctuation_and_bracket_variants_parse_the_same(line):
    (ref,) = references_of(line, heading="References").references
    assert (ref.number, ref.source, ref.domain, ref.title, ref.url) == (
        1,
        "Source",
        "example.com",
        "A title",
        "https://example.com/a",
    )


def test_an_entry_that_wraps_over_lines_is_one_reference():
    parsed = references_of("""
        [1] Source. "A long
        title". More words.
        https://example.com/x
        [2] Other. "B". https://example.org
    """)
    first, second = parsed.references
    assert first.span.as_list() == [6, 8]
    assert first.url == "https://example.com/x"
    assert second.number == 2


def test_a_url_inside_the_text_is_found():
    (ref,) = references_of('[1] See https://example.com/a for "Title" details.').references
    assert ref.url == "https://example.com/a"
    assert ref.title == "Title"


def test_an_entry_without_a_title_is_reported_and_kept_as_written():
    parsed = references_of("[3] just some words https://example.com")
    (ref,) = parsed.references
    assert ref.title is None and ref.raw.startswith("just some words")
    assert any(d.line == 6 and "no quoted title" in d.message for d in parsed.diagnostics)


def test_a_line_that_is_no_entry_is_reported():
    parsed = references_of('[1] S. "T". https://e.com\n\nstray words here')
    assert any(d.line == 8 and "not an entry" in d.message for d in parsed.diagnostics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("优化 [1]。", [(1,)]),
        ("see [2][4].", [(2, 4)]),
        ("see [1,3] and [1-3]", [(1, 3), (1, 2, 3)]),
        ("中文【1，3】标点", [(1, 3)]),
        ("全角［2］括号", [(2,)]),
        ("code `a[1]` and x[1] and [1](http://link) and [1]: def", []),
        ("- [ ] task and [x] done", []),
    ],
)
def test_citation_forms(text, expected):
    assert [c.numbers for c in find_citations(text, 1)] == expected


def test_citations_in_fences_and_the_reference_list_are_not_citations():
    parsed = parse_note(
        '# T\n## 1. A\ncited [1]\n```\nnot [1]\n```\n## References\n[1] S. "T". https://e.com\n',
        "notes/t.md",
    )
    assert [(c.line, c.numbers) for c in parsed.citations] == [(3, (1,))]


def test_citing_a_missing_reference_beside_an_existing_one_warns():
    parsed = parse_note('# T\n## 1. A\nsee [1,9]\n## References\n[1] S. "T". https://e.com\n', "notes/t.md")
    found = {(d.line, d.severity.value, d.message) for d in parsed.diagnostics}
    assert (
        3,
        "warning",
        "citation [1,9] names reference [9], which the reference list does not have",
    ) in found


def test_an_uncited_reference_is_noted():
    parsed = parse_note('# T\n## 1. A\ntext\n## References\n[1] S. "T". https://e.com\n', "notes/t.md")
    found = {(d.line, d.severity.value, d.message) for d in parsed.diagnostics}
    assert (5, "info", "reference [1] is never cited") in found


# Lists of Markdown links and of bare URLs


def fields(ref):
    return (ref.number, ref.title, ref.url, ref.description)


def test_a_list_of_markdown_links_becomes_numbered_references():
    parsed = references_of("""
        - [MDN: HTTP](https://developer.mozilla.org/zh-CN/docs/Web/HTTP)
        - [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110)
    """)
    assert [fields(ref) for ref in parsed.references] == [
        (1, "MDN: HTTP", "https://developer.mozilla.org/zh-CN/docs/Web/HTTP", None),
        (2, "RFC 9110", "https://www.rfc-editor.org/rfc/rfc9110", None),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "1. [Title](https://e.com/a) - about it",
        "* [Title](https://e.com/a)：about it",
        "- [Title](https://e.com/a) | about it",
    ],
)
def test_a_linked_title_is_followed_by_its_description(line):
    (ref,) = references_of(line).references
    assert fields(ref) == (1, "Title", "https://e.com/a", "about it")


def test_a_linked_entry_gets_no_title_warning():
    parsed = references_of("- [Title](https://e.com/a)")
    assert [d.message for d in parsed.diagnostics if d.severity.value == "warning"] == []


def test_a_list_of_bare_urls_becomes_references():
    parsed = references_of("- https://e.com/a\n- <https://e.com/b>")
    assert [fields(ref) for ref in parsed.references] == [
        (1, None, "https://e.com/a", None),
        (2, None, "https://e.com/b", None),
    ]
    assert [d.message for d in parsed.diagnostics if d.severity.value == "warning"] == []


def test_unnumbered_entries_mixed_with_numbered_ones_are_numbered_by_position():
    parsed = references_of('[1] S. "T". https://e.com/1\n- [U](https://e.com/2)')
    assert [(ref.number, ref.title) for ref in parsed.references] == [(1, "T"), (2, "U")]


def test_a_linked_reference_can_be_cited():
    parsed = parse_note("# T\n## 1. A\nsee [1]\n## References\n- [MDN](https://m.org)\n", "notes/t.md")
    assert [c.numbers for c in parsed.citations] == [(1,)]


def test_a_bullet_without_a_url_is_reported():
    parsed = references_of("- 《深入理解 Java 虚拟机》")
    assert any(d.line == 6 and "has no URL" in d.message for d in parsed.diagnostics)


def test_a_number_in_brackets_followed_by_a_link_target_is_a_linked_title():
    (ref,) = references_of("- [2023](https://e.com/y)").references
    assert fields(ref) == (1, "2023", "https://e.com/y", None)


# Adversarial entries, as long as `n`: each is read with the right answer (fast, on short entries)
# in time that grows linearly with its length (slow, tests/growth.py).
ADVERSARIAL: list[Callable[[int], str]] = [
    lambda n: "[1] S" + "(" * n + ' "T" https://e.com',
    lambda n: "[1] S" + " (" * n + ")",
    lambda n: "[1] " + "“" * n,
    lambda n: "[1] " + "《" * n + "》",
    lambda n: "[1] " + "http:." * (n // 6),
    lambda n: "[1] " + '"' * n,
    lambda n: "- [" * n,
    lambda n: "- " + "[a](" * (n // 4),
    lambda n: "[1] S (" + " " * n + 'e.com) . "T". https://e.com',
]
IDS = [repr(body(12)) for body in ADVERSARIAL]
N = 10_000


def test_a_domain_padded_with_many_spaces_is_read():
    (ref,) = references_of(ADVERSARIAL[-1](N)).references
    assert (ref.source, ref.domain, ref.title) == ("S", "e.com", "T")


@pytest.mark.parametrize("body", ADVERSARIAL, ids=IDS)
def test_adversarial_entries_are_read(body):
    parsed = references_of(body(N))
    assert len(parsed.references) == 1


@pytest.mark.slow
@pytest.mark.parametrize("body", ADVERSARIAL, ids=IDS)
def test_reading_an_entry_takes_time_linear_in_its_length(body):
    assert_linear(lambda n: references_of(body(n)), 25_000)
