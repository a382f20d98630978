"""A construct repeated many times in a note is told once, with a count and where."""

from __future__ import annotations

from pathlib import Path

from notesite.analyse.checked_note import read_note
from notesite.model.diagnostics import Diagnostic, Severity, collapse_repeats

REFS = "\n## 参考资料\n\n1. [A](https://example.com/a)\n"


def messages(tmp_path: Path, text: str) -> list[Diagnostic]:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text(text, encoding="utf-8")
    return read_note(tmp_path / "notes" / "n.md", tmp_path).diagnostics


def test_a_thousand_identical_unknown_citations_on_a_line_are_one_warning_with_a_count(tmp_path):
    found = messages(tmp_path, "# T\n\n## A\n\n" + "[1,99] x " * 1000 + "\n" + REFS)
    unknown = [d for d in found if "99" in d.message]
    assert len(unknown) == 1
    assert unknown[0].line == 5 and "(1,000 times on this line)" in unknown[0].message


def test_ten_thousand_empty_headings_are_one_warning_naming_how_many_more(tmp_path):
    found = messages(tmp_path, "# T\n\n" + "##\n\n" * 10_000)
    untitled = [d for d in found if "heading has no text" in d.message]
    assert len(untitled) == 1
    assert (
        untitled[0].line == 3 and "(and 9,999 more like it, at lines 5, 7, 9, 11, 13…)" in untitled[0].message
    )


def test_a_few_messages_of_one_kind_each_keep_their_line():
    few = [
        Diagnostic("n.md", line, f"reference [{line}] is never cited", Severity.INFO) for line in (3, 4, 5)
    ]
    assert collapse_repeats(few) == few


def test_messages_of_different_severity_are_not_merged():
    mixed = [Diagnostic("n.md", line, "x", severity) for line in (1, 2) for severity in Severity]
    assert len(collapse_repeats(mixed)) == len(mixed)
