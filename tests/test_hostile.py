"""Each hostile note of tests/fixtures/hostile/ (README.md there lists the classes) read as the
checker reads it and built as the build does: a result or a message, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notesite.analyse.checked_note import read_note
from notesite.analyse.sanitize import sanitize_html
from notesite.build import build_site
from notesite.model.diagnostics import Severity
from notesite.read.source_text import decode_source

from .conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
# Notes that are not UTF-8 are kept as `.bytes` (tools that read every `.md` as text choke on
# them) and copied in as `.md`.
BYTES = ".bytes"
BUILT, BROKEN = "built", "broken"
# What each note now does: built or refused (the broken-note page), and a message it must get
# ("" when it builds without a warning).
EXPECTED: dict[str, tuple[str, str]] = {
    "encoding-gbk.md": (BUILT, "read as GB18030"),
    "encoding-utf16.md": (BUILT, "read as UTF-16"),
    "encoding-invalid-bytes.md": (BUILT, "the note is not UTF-8"),
    "encoding-binary.md": (BROKEN, "not a text note"),
    "encoding-two-boms.md": (BUILT, ""),
    "yaml-unbuildable-tags.md": (BUILT, "cannot be read as !!float"),
    "yaml-self-alias.md": (BROKEN, "inside the value it names"),
    "yaml-billion-laughs.md": (BROKEN, "aliases expand the front matter"),
    "yaml-set-and-binary.md": (BUILT, "binary data (!!binary)"),
    "yaml-mastery-nan.md": (BUILT, "not a finite number"),
    "compare-aliases-not-a-list.md": (BUILT, "should be a list of short forms"),
    "citation-5000-digits.md": (BUILT, ""),
    "time-heading-spaces.md": (BUILT, ""),
    "time-reference-source-spaces.md": (BUILT, ""),  # "has no URL" is information
    "time-backticks.md": (BUILT, "code fence is never closed"),
    "time-citation-ranges.md": (BUILT, "and 189 more, which the reference list do not have"),
    "injection-body.md": (BUILT, "removed <script>"),
    "injection-table.md": (BUILT, "removed the event handler onerror"),
    "injection-heading.md": (BUILT, "heading contains HTML"),
    "splitter-setext.md": (BUILT, ""),
    "splitter-fence-info-backtick.md": (BUILT, ""),
    "splitter-prose-triple-backtick.md": (BUILT, ""),
    "splitter-heading-in-html.md": (BUILT, ""),
    "splitter-heading-in-list-item.md": (BUILT, ""),
    "splitter-fence-ends-with-list-item.md": (BUILT, ""),
    "smaller-bidi-zero-width-heading.md": (BUILT, ""),
    "many-identical-warnings.md": (BUILT, "(1,000 times on this line)"),
    "names-script-in-file-name.md": (BUILT, ""),
    "lines-lone-cr.md": (BUILT, ""),
}


def _docs(tmp_path: Path, name: str) -> Path:
    (tmp_path / "notes").mkdir()
    source = HOSTILE / name
    shutil.copy(source if source.exists() else source.with_suffix(BYTES), tmp_path / "notes" / name)
    return tmp_path


def test_every_fixture_has_an_expectation():
    fixtures = [*HOSTILE.glob("*.md"), *(path.with_suffix(".md") for path in HOSTILE.glob(f"*{BYTES}"))]
    assert sorted(EXPECTED) == sorted(path.name for path in fixtures if path.name != "README.md")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", EXPECTED)
def test_a_hostile_note_is_read_and_built_without_a_traceback(tmp_path, name):
    outcome, fragment = EXPECTED[name]
    docs = _docs(tmp_path, name)
    checked = read_note(docs / "notes" / name, docs)
    site = build_site(docs, [f"notes/{name}"])
    assert (BROKEN if site.broken else BUILT) == outcome
    messages = [d.message for d in checked.diagnostics if d.severity is not Severity.INFO]
    if fragment:
        assert any(fragment in message for message in messages), messages
    else:
        assert messages == []


@pytest.mark.parametrize("name", ["splitter-heading-in-html.md", "splitter-heading-in-list-item.md"])
def test_headings_inside_html_blocks_and_list_items_make_no_page(tmp_path, name):
    docs = _docs(tmp_path, name)
    note = read_note(docs / "notes" / name, docs).note
    assert [section.title for section in note.sections] == ["A", "B"]


def test_setext_headings_are_sections(tmp_path):
    docs = _docs(tmp_path, "splitter-setext.md")
    note = read_note(docs / "notes" / "splitter-setext.md", docs).note
    assert (note.title, [s.title for s in note.sections]) == ("Title", ["Section one", "Section two"])


@pytest.mark.parametrize("name", ["splitter-fence-info-backtick.md", "splitter-prose-triple-backtick.md"])
def test_a_backtick_in_a_fence_info_string_swallows_nothing(tmp_path, name):
    docs = _docs(tmp_path, name)
    note = read_note(docs / "notes" / name, docs).note
    assert note.sections[-1].title == "B"


def test_bidi_and_zero_width_characters_never_reach_a_section_title(tmp_path):
    docs = _docs(tmp_path, "smaller-bidi-zero-width-heading.md")
    note = read_note(docs / "notes" / "smaller-bidi-zero-width-heading.md", docs).note
    assert note.sections[0].title == "evil name here"


def test_a_5000_digit_citation_is_text(tmp_path):
    docs = _docs(tmp_path, "citation-5000-digits.md")
    assert read_note(docs / "notes" / "citation-5000-digits.md", docs).note.citations == []


def test_injected_html_in_a_table_leaves_nothing_that_runs_on_the_page(tmp_path):
    docs = _docs(tmp_path, "injection-table.md")
    text = (docs / "notes" / "injection-table.md").read_text("utf-8")
    page = BeautifulSoup(sanitize_html(text), "html.parser")
    assert all(not attribute.startswith("on") for tag in page.find_all(True) for attribute in tag.attrs)


def test_lone_and_mixed_carriage_returns_end_lines_numbered_as_an_editor_shows_them(tmp_path):
    docs = _docs(tmp_path, "lines-lone-cr.md")
    note = read_note(docs / "notes" / "lines-lone-cr.md", docs).note
    assert note.title == "Written on an old Mac"
    assert note.front_matter.tags == ["classic"]
    assert [(s.title, s.heading.line) for s in note.sections] == [("First", 9), ("Second", 12), ("Third", 16)]
    assert note.sections[-1].span.end == 18


def test_a_stray_byte_after_lone_carriage_returns_is_warned_about_at_its_line():
    data = "a\rb\r\nc\né\r".encode() * 20 + b"x\ry\r\xff\r"
    [warning] = decode_source(data, "n.md").diagnostics
    assert warning.line == 20 * 4 + 3


def _built(tmp_path, text: str):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text(text, "utf-8")
    return build_site(tmp_path, ["notes/n.md"])


def test_ten_thousand_citations_on_a_line_become_html_anchors_not_markdown_links(tmp_path):
    # Python-Markdown's link pattern is quadratic in a line of `[n](url)` runs; an HTML tag is not.
    count = 10_000
    cited = "".join(f"[{n}]" for n in range(1, count + 1))
    references = "".join(f"{n}. [S{n}](https://example.com/s{n})\n" for n in range(1, count + 1))
    site = _built(tmp_path, f"# T\n\n## A\n\n见 {cited}。\n\n## 参考资料\n\n{references}")
    lines = [line for page in site.markdown.values() for line in page.split("\n") if line.startswith("见 ")]
    assert lines and all("](" not in line for line in lines)
    assert lines[0].count('<a class="ns-cite"') == count
    assert 'id="cite-1" href="../references/#ref-1"' in lines[0]


@pytest.mark.parametrize(
    "heading", ["##" + " " * 1_000_000, "## A" + " " * 1_000_000 + "B", "## A" + " " * 1_000_000]
)
def test_a_heading_of_a_megabyte_of_spaces_is_generated_without_its_run_of_spaces(tmp_path, heading):
    # Python-Markdown's heading and attr_list patterns are quadratic in a long run of spaces.
    site = _built(tmp_path, f"# T\n\nintro\n\n{heading}\n\ntext\n\n## Other\n\nmore\n")
    headings = [line for page in site.markdown.values() for line in page.split("\n") if line.startswith("#")]
    assert headings and all("  " not in line for line in headings)
