"""Safe by default: what the sanitiser removes from note pages, what it keeps, and the warnings
that name the note's line for everything removed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from math import isqrt

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from notesite.analyse.checked_note import read_note
from notesite.analyse.sanitize import HtmlPolicy, sanitize_html, unsafe_html
from notesite.model.diagnostics import Severity
from notesite.model.note import Note
from notesite.model.words import LABELS
from notesite.read.parser import parse_note
from notesite.render.comparison import render_beside_prose, render_comparison
from notesite.render.overview import metadata_card
from notesite.render.timeline import render_timeline

from .conftest import FIXTURES, ROOT, build_notes
from .growth import assert_linear

FIGURES = FIXTURES / "sanitize" / "figures.md"
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href")
# MathML is no active tag: formulas are published as MathML; its URL attributes are (below).
ACTIVE_TAGS = ["script", "iframe", "object", "embed", "form", "svg", "style", "base", "meta"]


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def active_parts(markup: str) -> list[str]:
    """Everything in `markup` that could run, load a page or submit: empty when it is safe."""
    found = [tag.name for tag in soup(markup).find_all(ACTIVE_TAGS)]
    for tag in soup(markup).find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            compact = "".join(c for c in text if c > " ").lower()
            if name.startswith("on") or name == "srcdoc":
                found.append(f"{tag.name} {name}")
            elif name in URL_ATTRIBUTES and compact.startswith(BAD_SCHEMES):
                found.append(f"{tag.name} {name}={text}")
    return found


# --- the sanitiser ------------------------------------------------------------------------------

ATTACKS = {
    "script": "<p>a<script>alert(1)</script>b</p>",
    "img onerror": '<img src="x.png" onerror="alert(1)">',
    "svg onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "iframe srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "javascript link in disguise": '<a href=" JaVa&#09;script&colon;alert(1)">x</a>',
    "vbscript link": '<a href="vbscript:msgbox(1)">x</a>',
    "data link": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "data image": '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    "object": '<object data="x.swf">fallback</object>',
    "embed": '<embed src="x.swf">',
    "form": '<form action="https://example.com/steal"><button formaction="javascript:x">go</button></form>',
    "style element": "<style>body { display: none }</style>",
    "meta refresh": '<meta http-equiv="refresh" content="0; url=https://example.com">',
    "base": '<base href="https://example.com/">',
    "math": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "video poster": '<video controls poster="javascript:alert(1)" src="javascript:alert(2)"></video>',
    "details ontoggle": '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    "in a table cell": '<table><tr><td><img src="x" onerror="alert(1)"></td></tr></table>',
    "in a heading": '<h2 id="a">t <a href="javascript:alert(1)">x</a></h2>',
}


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_the_sanitiser_removes_whatever_could_run(attack):
    assert active_parts(attack), "the attack should be active before sanitising"
    assert active_parts(sanitize_html(attack)) == []


def test_text_around_a_removed_element_stays():
    assert soup(sanitize_html("<p>before<script>alert(1)</script>after</p>")).get_text() == "beforeafter"


def test_a_link_with_a_removed_url_keeps_its_text():
    link = soup(sanitize_html('<a href="javascript:alert(1)" title="t">words</a>')).a
    assert (link.get_text(), link.get("href"), link["title"]) == ("words", None, "t")


def test_inline_styles_keep_layout_properties_only():
    markup = (
        '<div style="width: 50%; position: fixed; top: 0; background: url(https://example.com/x)">x</div>'
    )
    assert soup(sanitize_html(markup)).div["style"] == "width:50%"


def test_inputs_are_only_radio_buttons_and_checkboxes():
    kept = soup(sanitize_html('<input type="checkbox" disabled><input type="radio" name="a">'))
    dropped = soup(sanitize_html('<input type="image" src="x.png"><input type="submit">'))
    assert [i["type"] for i in kept.find_all("input")] == ["checkbox", "radio"]
    assert [i.get("type") for i in dropped.find_all("input")] == [None, None]


def test_links_get_no_rel_added():
    link = soup(sanitize_html('<a href="../other/#x">x</a> <a href="https://example.com">y</a>'))
    assert [a.get("rel") for a in link.find_all("a")] == [None, None]


def test_comments_are_dropped():
    assert sanitize_html("<p>a<!-- hidden --></p>") == "<p>a</p>"


# Ordinary Markdown, rendered by Python-Markdown with the extensions mkdocs.yml configures.
LEGITIMATE = {
    "details": "<details open><summary>More</summary>\n\nBody\n\n</details>",
    "pymdownx.details": '??? tip "More"\n    hidden',
    "kbd, br, sup, sub, mark": "<kbd>Ctrl</kbd> line<br>break H<sub>2</sub>O x<sup>2</sup> <mark>m</mark>",
    "table with alignment": "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "images": "![rel](pic.png){ width=300 loading=lazy } ![abs](https://example.com/a.png)",
    "code highlighting": '```python hl_lines="1" title="x.py" linenums="1"\ndef f(): return 1\n```',
    "inline highlighting": "`#!python print(1)` and `plain`",
    "headings with permalinks": "## Heading {#custom .cls}\n\n### 小节标题",
    "admonition": '!!! note "Title"\n    body',
    "tabbed set": '=== "A"\n    one\n\n=== "B"\n    two',
    "task list": "- [x] done\n- [ ] todo",
    "footnotes": "Text[^1].\n\n[^1]: The note.",
    "abbr": "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language",
    "definition list": "Term\n:   Definition",
    "links": '[rel](../x.md#a "t"){ target=_blank } <https://example.com> <a@b.com> [m](mailto:a@b.com)',
    "attr_list attributes": '<p markdown class="c" id="i" data-x="1" aria-label="l" role="note">t</p>',
    "grid cards": '<div class="grid cards" markdown>\n\n-   [**A**](a.md)\n\n    text\n\n</div>',
    "centred paragraph": '<p align="center"><img src="logo.png" width="120"></p>',
    "time, abbr, cite, q": '<time datetime="2024-01-01">d</time> <cite>c</cite> <q>q</q>',
}


def _markdown() -> markdown.Markdown:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        settings = yaml_load(file)
    names, configs = [], {}
    for entry in settings["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def shape(markup: str) -> list[tuple]:
    """Elements, attributes and text, with what re-serialising may change taken out: the
    spelling of styles (spaces, "60.0%" for "60%"), entities, and the <tbody> a parser adds
    to a bare table."""
    parsed = soup(markup)
    elements = []
    for tag in parsed.find_all(True):
        if tag.name == "tbody":
            continue
        attributes = []
        for name, value in sorted(tag.attrs.items()):
            if name == "style":
                parts = (part.replace(" ", "") for part in value.split(";") if part.strip())
                value = sorted(re.sub(r"(\d)\.0+\b", r"\1", part) for part in parts)
            attributes.append((name, value))
        elements.append((tag.name, attributes))
    return [*elements, parsed.get_text()]


@pytest.mark.parametrize("source", LEGITIMATE.values(), ids=LEGITIMATE.keys())
def test_ordinary_markdown_and_html_pass_unchanged(source):
    rendered = _markdown().convert(source)
    assert shape(sanitize_html(rendered)) == shape(rendered)


@pytest.fixture(scope="module")
def figures():
    checked = read_note(FIGURES, FIXTURES)
    assert checked.diagnostics == [] and checked.analysis is not None
    return checked


def test_generated_comparison_tables_meters_and_charts_pass_unchanged(figures):
    cite = lambda number: (f"../refs/#ref-{number}", "t")  # noqa: E731
    markup = "".join(
        render_comparison(c, cite) + render_beside_prose(c, "Show as table", cite)
        for c in figures.analysis.comparisons
    )
    assert {"ns-meter__fill", "ns-range-chart__range", "ns-table-on-demand"} <= set(
        re.findall(r"ns-[\w-]+", markup)
    )
    assert shape(sanitize_html(markup)) == shape(markup)


def test_generated_timeline_passes_unchanged(figures):
    markup = render_timeline(figures.analysis.timeline, lambda line: f"../page/#line-{line}")
    assert "ns-tl-track--flow" in markup and "ns-tl-track--time" in markup
    assert shape(sanitize_html(markup)) == shape(markup)


def test_generated_metadata_card_passes_unchanged(figures):
    markup = "".join(metadata_card(figures.note.front_matter, LABELS["zh"]))
    assert "<meter" in markup and "<time" in markup
    assert shape(sanitize_html(markup)) == shape(markup)


# --- finding what will be removed, by line -------------------------------------------------------


def test_a_frame_of_another_site_is_told_but_active_content_is_a_warning():
    body = '<iframe src="https://music.example/x"></iframe>\n<b onclick="x()">b</b>'
    note = parse_note(f"# T\n\n## S\n\n{body}\n", "n.md")
    assert [(d.line, d.severity) for d in unsafe_html(note)] == [(5, Severity.INFO), (6, Severity.WARNING)]


def findings(body: str) -> list[tuple[int, str]]:
    """(line, message) for a note whose body starts on line 5."""
    note = parse_note("# T\n\n## S\n\n" + body + "\n", "notes/t.md")
    return [(d.line, d.message) for d in unsafe_html(note)]


def lines_of(body: str) -> list[int]:
    return [line for line, _ in findings(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("a <script>alert(1)</script>", "removed <script> and its content"),
        ('<img src="x.png" onerror="alert(1)">', "removed the event handler onerror of <img>"),
        ('<svg onload="alert(1)"></svg>', "removed <svg> and its content"),
        ('<iframe srcdoc="x"></iframe>', "removed <iframe> and its content (it loads another site)"),
        ('<iframe srcdoc="x"></iframe>', "removed the srcdoc of <iframe>"),
        ("[x](javascript:alert(1))", "removed the javascript: URL of a Markdown link or image"),
        ("![x](data:image/png;base64,AAAA)", "removed the data: URL of a Markdown link or image"),
        ("[x]: <javascript:alert(1)>", "removed the javascript: URL of a Markdown link or image"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "removed the javascript: URL in href of <a>"),
        ('<form action="/x">', "removed <form>"),
        ('<object data="x"></object>', "removed <object> and its content (it loads another site)"),
        ('<embed src="x">', "removed <embed> (it loads another site)"),
    ],
)
def test_each_removed_construct_is_reported_at_its_line(body, expected):
    assert [(line, message.split(";")[0]) for line, message in findings(body) if expected in message] == [
        (5, expected)
    ]


def test_the_message_says_how_to_trust_the_notes_html():
    (_, message), *_ = findings("<script>x</script>")
    assert message.endswith(
        "set the notesite plugin's option `html: trusted` in mkdocs.yml to trust the notes' HTML"
    )


def test_findings_in_table_cells_and_section_headings_name_their_line():
    body = (
        "| a | b |\n|---|---|\n| <img src=x onerror=y> | [z](javascript:1) |\n\n## H [x](javascript:1)\n\nt"
    )
    assert lines_of(body) == [7, 7, 9]


def test_a_tag_over_several_lines_is_reported_at_its_first():
    assert lines_of('text\n\n<div\n  class="a"\n  onclick="alert(1)">x</div>') == [7]


def test_one_message_per_kind_per_line_with_a_count():
    (line, message), *rest = findings("<img src=a onerror=x> <img src=b onerror=y> <b onclick=z>c</b>")
    assert rest == [] and line == 5
    assert "(3 on this line)" in message


def test_code_is_not_reported():
    body = (
        "`<script>` and ``a ` <img onerror=x>`` in code spans\n\n"
        "```html\n<script>alert(1)</script>\n```\n\n"
        "- item\n\n    ```\n    <script>x</script>\n    ```\n\n"
        "para\n\n    <script>indented code</script>"
    )
    assert findings(body) == []


def test_backslash_lt_is_no_escape_in_python_markdown():
    assert lines_of("\\<script>alert(1)</script>") == [5]


def test_html_in_a_section_heading_is_shown_as_text_and_not_reported():
    assert findings("t\n\n## H <img src=x onerror=alert(1)>\n\nt") == []


def test_the_reference_list_is_shown_escaped_and_not_reported():
    body = 't[1]\n\n## 参考文献\n\n[1] Site. "<script>x</script>". javascript:alert(1)'
    assert findings(body) == []


def test_ordinary_html_is_not_reported():
    image = '<img src="https://example.com/a.png" alt="a">'
    body = f"<details><summary>s</summary>\n\n<kbd>K</kbd> {image}\n\n</details>"
    assert findings(body) == []


def test_read_note_reports_removed_html_unless_the_site_trusts_it(tmp_path):
    note = tmp_path / "notes" / "t.md"
    note.parent.mkdir()
    note.write_text("# T\n\n## S\n\n<script>alert(1)</script>\n", encoding="utf-8")
    default = read_note(note, tmp_path).diagnostics
    trusted = read_note(note, tmp_path, HtmlPolicy.TRUSTED).diagnostics
    assert [(d.path, d.line) for d in default if "removed <script>" in d.message] == [("notes/t.md", 5)]
    assert not any("removed" in d.message for d in trusted)


def _backtick_runs(n: int) -> str:
    # Runs of one, two, three … backticks: about n characters in all.
    return "".join("`" * length + "x" for length in range(1, isqrt(2 * n)))


# Bodies of about n repeats, and how many findings each gives.
ADVERSARIAL: dict[str, tuple[Callable[[int], str], Callable[[int], int]]] = {
    "unfinished tags": (lambda n: "<a" * n, lambda n: 0),
    "unfinished comments": (lambda n: "<!--" * (n // 2), lambda n: 0),
    "end tags": (lambda n: "</" * n, lambda n: 0),
    "processing instructions": (lambda n: "<?" * n, lambda n: 0),
    "unclosed quotes": (lambda n: "<a b='" * (n * 3 // 10), lambda n: 0),
    "many tags": (lambda n: "<b onclick=x>" * (n // 5), lambda n: 1),  # one per kind and line
    "backtick runs": (_backtick_runs, lambda n: 0),
    "backslashes": (lambda n: "\\" * (2 * n), lambda n: 0),
    "link openers": (lambda n: "](" * n, lambda n: 0),
    "links": (lambda n: "[x](javascript:1)\n" * (n // 10), lambda n: n // 10),  # one per line
}


@cache
def _adversarial_note(name: str, n: int) -> Note:
    return parse_note("# T\n\n## S\n\n" + ADVERSARIAL[name][0](n) + "\n", "notes/t.md")


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_finding_in_long_runs_reports_only_what_is_there(name):
    found = unsafe_html(_adversarial_note(name, 10_000))
    assert len(found) == ADVERSARIAL[name][1](10_000), found[:3]
    assert all(d.severity is Severity.WARNING and d.message.startswith("removed the ") for d in found)


@pytest.mark.slow
@pytest.mark.parametrize("name", ADVERSARIAL)
def test_finding_takes_linear_time(name):
    assert_linear(lambda n: unsafe_html(_adversarial_note(name, n)), 25_000)


# --- the build ----------------------------------------------------------------------------------

HOSTILE = """# 危险笔记

## 一、脚本

正文 <script>alert(1)</script> 和 <img src="https://example.com/x.png" onerror="alert(2)">。

<svg onload="alert(3)"><circle r="1"/></svg>

<iframe srcdoc="<script>alert(4)</script>"></iframe>

[点我](javascript:alert(5)) 和 ![图](data:image/svg+xml;base64,PHN2Zz4=)

| 列 | 值 |
|---|---|
| <img src="https://example.com/y.png" onerror="alert(6)"> | [链接](javascript:alert(7)) |

## 二、标题里的链接 [x](javascript:alert(8))

<details><summary>更多</summary>

按 <kbd>Ctrl</kbd>。

</details>
"""
HOSTILE_LINES = [5, 7, 9, 11, 15, 17]
OWN_PAGE = "<script>window.ownScript = 1</script>\n\n# About\n"


def note_pages(built) -> list[BeautifulSoup]:
    """Every page made from the notes, as notes.json lists them."""
    index = json.loads((built.site / "notes.json").read_text("utf-8"))
    urls = [page["url"] for note in index["notes"] for page in note["pages"]]
    assert len(urls) >= 3, built.log
    return [built.html(url) for url in urls]


@pytest.fixture(scope="module")
def hostile_strict(tmp_path_factory):
    return build_notes(
        tmp_path_factory.mktemp("hostile"),
        {"hostile.md": HOSTILE},
        "--strict",
        other_docs={"about.md": OWN_PAGE},
    )


@pytest.fixture(scope="module")
def hostile_trusted(tmp_path_factory):
    return build_notes(
        tmp_path_factory.mktemp("trusted"),
        {"hostile.md": HOSTILE},
        "--strict",
        config={"plugins": {"notesite": {"html": "trusted"}}},
    )


@pytest.mark.slow
def test_built_note_pages_carry_nothing_that_runs(hostile_strict):
    for page in note_pages(hostile_strict):
        article = page.select_one("article")
        for theirs in article.select(".md-content__button"):  # Material's edit icon, an <svg>
            theirs.decompose()
        assert active_parts(str(article)) == []
        assert active_parts(str(page.select_one(".md-sidebar--secondary"))) == []


@pytest.mark.slow
def test_built_note_pages_keep_ordinary_html(hostile_strict):
    kbd = [
        kbd.get_text() for page in note_pages(hostile_strict) for kbd in page.select("article details kbd")
    ]
    assert "Ctrl" in kbd


@pytest.mark.slow
def test_the_site_keeps_its_own_scripts(hostile_strict):
    page = note_pages(hostile_strict)[0]
    assert page.select("script[src]"), "Material's scripts are outside the sanitised content"
    assert "window.ownScript" in (hostile_strict.site / "about" / "index.html").read_text("utf-8")


@pytest.mark.slow
def test_the_build_warns_with_file_and_line_for_each_removal(hostile_strict):
    warned = re.findall(r"WARNING +-  notes/hostile\.md:(\d+): removed ", hostile_strict.log)
    assert sorted({int(line) for line in warned}) == HOSTILE_LINES


@pytest.mark.slow
def test_strict_fails_on_removed_html_by_default(hostile_strict):
    assert hostile_strict.returncode != 0
    assert "Aborted with" in hostile_strict.log


@pytest.mark.slow
def test_a_site_that_trusts_its_notes_keeps_their_html(hostile_trusted):
    assert hostile_trusted.returncode == 0, hostile_trusted.log
    articles = [page.select_one("article") for page in note_pages(hostile_trusted)]
    assert any(article.find("script", string="alert(1)") for article in articles)
    assert any(article.find("img", onerror="alert(2)") for article in articles)


@pytest.mark.slow
def test_an_unknown_html_setting_stops_the_build(tmp_path):
    built = build_notes(
        tmp_path, {"t.md": "# T\n\n## S\n\nt\n"}, config={"plugins": {"notesite": {"html": "yes"}}}
    )
    assert built.returncode != 0
    assert "Plugin 'notesite' option 'html'" in built.log
