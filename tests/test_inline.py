"""The inline scanner: which constructs one Markdown line holds, where, and in linear time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from notesite.model.inline import Inline, InlineKind, scan_inline
from notesite.read.parser import parse_note

from .growth import assert_linear

K = InlineKind


def kinds(line: str) -> list[tuple[str, str]]:
    """(kind, the construct as written) for each outermost construct."""
    return [(found.kind.value, line[found.start : found.end]) for found in scan_inline(line)]


def only(line: str) -> Inline:
    (found,) = scan_inline(line)
    return found


# Code spans


def test_a_code_span_is_one_construct():
    assert kinds("a `x[1]` b") == [("code", "`x[1]`")]


def test_a_code_span_closes_only_on_a_run_of_the_same_length():
    assert kinds("``a`b`` c") == [("code", "``a`b``")]


def test_an_unmatched_backtick_run_is_literal_and_scanning_goes_on():
    assert kinds("``` [a](b)") == [("link", "[a](b)")]


def test_an_escaped_backtick_opens_no_code_span():
    assert kinds(r"\`a` [x](y)") == [("link", "[x](y)")]


def test_nothing_inside_a_code_span_is_a_link():
    assert kinds("`[a](b) <https://x.y>`") == [("code", "`[a](b) <https://x.y>`")]


# Math


def test_dollar_math_is_one_construct():
    assert kinds("area $a[1]^2$ here") == [("math", "$a[1]^2$")]


def test_prices_are_not_math():
    assert kinds("costs $5 and $10 [a](b)") == [("link", "[a](b)")]


def test_display_math_on_one_line_is_math():
    assert kinds("$$x[1]$$") == [("math", "$$x[1]$$")]


def test_backslash_parenthesis_math_is_math():
    assert kinds(r"see \(a[1]\) ok") == [("math", r"\(a[1]\)")]


def test_an_escaped_dollar_opens_no_math():
    assert kinds(r"\$a$ [x](y)") == [("link", "[x](y)")]


# Links and images


def test_a_link_reports_its_text_and_target_with_their_columns():
    line = 'see [文档](../a.md#标题 "T") now'
    found = only(line)
    assert (found.kind, found.text, found.target) == (K.LINK, "文档", "../a.md#标题")
    assert line[found.target_start : found.target_end] == "../a.md#标题"
    assert line[found.text_start : found.text_end] == "文档"
    assert line[found.start : found.end] == '[文档](../a.md#标题 "T")'


def test_a_pointy_destination_may_hold_spaces():
    found = only("[a](<my file.md>)")
    assert found.target == "my file.md"


def test_balanced_brackets_in_link_text_belong_to_the_text():
    assert only("[a [b] c](u)").text == "a [b] c"


def test_balanced_parentheses_in_a_destination_belong_to_it():
    assert only("[a](https://x.y/wiki/A_(b))").target == "https://x.y/wiki/A_(b)"


def test_an_unbalanced_destination_is_no_link():
    assert scan_inline("[a](b(c d)") == []


@pytest.mark.parametrize("title", ['"t"', "'t'", "(t)"])
def test_each_title_form_is_skipped(title):
    assert only(f"[a](u {title})").target == "u"


def test_an_image_reports_its_alt_and_source():
    found = only("![图 1](./images/p.png)")
    assert (found.kind, found.text, found.target) == (K.IMAGE, "图 1", "./images/p.png")


def test_an_image_inside_a_link_is_kept_as_inner():
    found = only("[![badge](b.svg)](https://u)")
    assert (found.kind, found.target) == (K.LINK, "https://u")
    assert [(inner.kind, inner.target) for inner in found.inner] == [(K.IMAGE, "b.svg")]


def test_links_do_not_nest_the_inner_link_wins():
    assert kinds("[a [b](u) c](v)") == [("link", "[b](u)")]


def test_a_reference_style_link_is_not_reported():
    assert scan_inline("[text][id] and [2][4]") == []


def test_a_footnote_reference_is_no_link():
    assert [(i.kind, i.start, i.end, i.text) for i in scan_inline("text[^1] more")] == [
        (InlineKind.FOOTNOTE, 4, 8, "1")
    ]


def test_a_footnote_definition_starts_its_line():
    found = scan_inline("   [^注]: 见 [x](y.md)")
    assert [(i.kind, i.text) for i in found] == [
        (InlineKind.FOOTNOTE_DEFINITION, "注"),
        (InlineKind.LINK, "x"),
    ]
    assert [i.kind for i in scan_inline("a [^1]: b")] == [InlineKind.FOOTNOTE]


# Wikilinks and embeds


def test_a_wikilink_with_heading_and_alias():
    line = "见 [[note#标题|文字]]"
    found = only(line)
    assert (found.kind, found.target, found.text) == (K.WIKILINK, "note#标题", "文字")
    assert line[found.target_start : found.target_end] == "note#标题"
    assert line[found.text_start : found.text_end] == "文字"


def test_a_wikilink_alias_pipe_escaped_for_a_table_is_not_in_the_target():
    assert only(r"| [[note\|文字]] |").target == "note"


def test_an_embed_is_an_embed():
    found = only("![[p.png]]")
    assert (found.kind, found.target) == (K.EMBED, "p.png")


def test_a_nested_array_is_no_wikilink():
    assert scan_inline("[[0,1],[2,3]]") == []


# Autolinks and HTML


def test_an_autolink_reports_its_url():
    found = only("<https://example.com/a>")
    assert (found.kind, found.target) == (K.AUTOLINK, "https://example.com/a")


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ('<a href="../x.md">x</a>', "../x.md"),
        ("<img src='p.png' alt=x>", "p.png"),
        ("<img alt=x src=p.png>", "p.png"),
    ],
)
def test_an_html_tag_reports_its_href_or_src(line, target):
    found = scan_inline(line)[0]
    assert (found.kind, found.target) == (K.HTML, target)
    assert line[found.target_start : found.target_end] == target


def test_an_html_tag_without_href_or_src_is_not_reported():
    assert scan_inline("<kbd>Ctrl</kbd>") == []


def test_nothing_inside_an_html_attribute_is_a_link():
    assert kinds('<img src=p.png title="[a](b)">') == [("html", '<img src=p.png title="[a](b)">')]


# Definitions


def test_a_definition_line_reports_its_label_and_destination():
    line = '[id]: ./x.md "Title"'
    found = only(line)
    assert (found.kind, found.text, found.target) == (K.DEFINITION, "id", "./x.md")
    assert line[found.target_start : found.target_end] == "./x.md"


def test_a_footnote_definition_is_no_definition():
    assert [found.kind for found in scan_inline("[^1]: a note")] == [K.FOOTNOTE_DEFINITION]


def test_a_definition_followed_by_more_text_is_no_definition():
    assert all(found.kind is not K.DEFINITION for found in scan_inline("[1]: some words here"))


# Adversarial lines, as long as `n`: each holds the right constructs (fast, on short lines) and is
# scanned in time that grows linearly with its length (slow, tests/growth.py).
ADVERSARIAL: list[Callable[[int], str]] = [
    lambda n: "`" * n,
    lambda n: "[" * n,
    lambda n: "]" * n,
    lambda n: "(" * n,
    lambda n: "$" * n,
    lambda n: "<" * n,
    lambda n: "<a " * (n // 3),
    lambda n: '<a b="' * (n // 6),
    lambda n: "[[" * n,
    lambda n: "[](" * n,
    lambda n: "[](x()" * (n // 6),
    lambda n: "[a](b " * (n // 6),
    lambda n: "[x](<" * (n // 5),
    lambda n: "\\(" * n,
    lambda n: "[a](b" + " " * n + "c",
    lambda n: "[a]: b" + " " * n + "c",
    # with what they hold: many of one construct
    lambda n: "`a` ``b`` " * (n // 10),
    lambda n: "![a](b)" * (n // 7),
    lambda n: "$a$ " * (n // 4),
]
IDS = [repr(line(12)) for line in ADVERSARIAL]
N = 10_000


@pytest.mark.parametrize("line", ADVERSARIAL[:-3], ids=IDS[:-3])
def test_adversarial_lines_hold_no_construct(line):
    assert scan_inline(line(N)) == []


def test_many_code_spans_on_one_line_are_each_found():
    assert [found.kind for found in scan_inline("`a` ``b`` " * (N // 10))] == [K.CODE] * (N // 10 * 2)


def test_many_images_on_one_line_are_each_found():
    assert [found.kind for found in scan_inline("![a](b)" * (N // 7))] == [K.IMAGE] * (N // 7)


def test_many_dollar_pairs_are_each_math():
    assert len(scan_inline("$a$ " * (N // 4))) == N // 4


@pytest.mark.slow
@pytest.mark.parametrize("line", ADVERSARIAL, ids=IDS)
def test_scanning_takes_time_linear_in_the_line(line):
    assert_linear(lambda n: scan_inline(line(n)), 25_000)


# The model


def test_the_parser_scans_every_body_line_outside_fences():
    parsed = parse_note(
        "# T\n## A\n1. [a](b)\n   ```\n   [c](d)\n   ```\n```\n[e](f)\n```\n<p><img src=g></p>\n",
        "notes/t.md",
    )
    found = {number: [i.target for i in inlines] for number, inlines in parsed.inlines.items() if inlines}
    assert found == {3: ["b"], 10: ["g"]}
    assert not {4, 5, 6, 7, 8, 9} & set(parsed.inlines)


def test_a_destination_with_spaces_is_read_as_python_markdown_renders_it():
    found = scan_inline('![a](images/my pic.png) [b](my file.md "t")')
    assert [(i.kind, i.target) for i in found] == [
        (InlineKind.IMAGE, "images/my pic.png"),
        (InlineKind.LINK, "my file.md"),
    ]
    line = '![a](images/my pic.png) [b](my file.md "t")'
    assert [line[i.target_start : i.target_end] for i in found] == ["images/my pic.png", "my file.md"]
