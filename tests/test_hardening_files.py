"""Odd note files: other encodings, binary files, symbolic links, folders named like notes.

Each gives a message naming the file, never a traceback, in the parser, the checker and the build;
the build and the checker agree on which files are notes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from notesite.model.diagnostics import NoteError, Severity
from notesite.read.parser import parse_note_file
from notesite.read.source_text import decode_source, display_text
from notesite.read.vault import find_notes, note_file_problem

from .conftest import ROOT, make_project, mkdocs_build
from .growth import assert_linear

CHECK_NOTES = ROOT / "scripts" / "check_notes.py"
NOTE = "# 推理优化笔记\n\n## 一、定义\n\n推理优化关注模型上线后的速度与成本。\n"
# Bytes no text encoding fits: a PNG header and binary data, with and without NUL bytes.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000010") + bytes(range(256)) * 4
NO_NUL_BINARY = bytes(b for b in range(1, 256) if b not in b"\t\n\r\x0c") * 8


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def warnings_of(note) -> list[str]:
    return [f"{d.line}: {d.message}" for d in note.diagnostics if d.severity is Severity.WARNING]


# --- encodings: the parser ---------------------------------------------------------------------


def test_utf8_with_two_byte_order_marks_reads_front_matter_silently(tmp_path):
    data = b"\xef\xbb\xbf\xef\xbb\xbf---\ntags: [a]\n---\n" + NOTE.encode()
    note = parse_note_file(write(tmp_path, "bom.md", data), tmp_path)
    assert note.front_matter.tags == ["a"]
    assert note.title == "推理优化笔记"
    assert warnings_of(note) == []


def test_gbk_note_is_read_with_a_warning_naming_gb18030(tmp_path):
    note = parse_note_file(write(tmp_path, "gbk.md", NOTE.encode("gbk")), tmp_path)
    assert note.title == "推理优化笔记"
    assert note.sections[0].title == "一、定义"
    assert any(w.startswith("1: the note is not UTF-8: it is read as GB18030") for w in warnings_of(note))


def test_a_short_gbk_note_is_read_as_gb18030_not_another_cjk_encoding(tmp_path):
    note = parse_note_file(write(tmp_path, "short.md", "# 标题\n".encode("gbk")), tmp_path)
    assert note.title == "标题"


def test_utf16_with_byte_order_mark_is_read_with_a_warning(tmp_path):
    note = parse_note_file(write(tmp_path, "wide.md", NOTE.encode("utf-16")), tmp_path)
    assert note.title == "推理优化笔记"
    assert "1: the note is not UTF-8: it is read as UTF-16 (found by its byte-order mark)" in " ".join(
        warnings_of(note)
    )


def test_stray_invalid_bytes_are_replaced_and_warned_about_at_their_line(tmp_path):
    data = NOTE.encode() + b"\n\xe4\xb8 broken \xff here\n"
    note = parse_note_file(write(tmp_path, "stray.md", data), tmp_path)
    assert note.title == "推理优化笔记"
    assert "\ufffd broken \ufffd here" in note.lines[6]
    assert any(w.startswith("7: 2 byte(s) are not valid UTF-8") for w in warnings_of(note))


@pytest.mark.parametrize("data", [PNG, NO_NUL_BINARY, b"# T\n\x00\x00\n"], ids=["png", "no-nul", "nul"])
def test_a_binary_file_named_md_is_refused_with_an_error_naming_it(tmp_path, data):
    with pytest.raises(NoteError) as raised:
        parse_note_file(write(tmp_path, "image.md", data), tmp_path)
    diagnostic = raised.value.diagnostic
    assert (diagnostic.path, diagnostic.line, diagnostic.severity) == ("image.md", 1, Severity.ERROR)
    assert "is not a text note" in diagnostic.message


def test_a_file_that_cannot_be_read_is_an_error_not_an_os_error(tmp_path):
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(NoteError) as raised:
        parse_note_file(tmp_path / "folder.md", tmp_path)
    assert "the note cannot be read" in raised.value.diagnostic.message


def test_the_broken_note_page_shows_nothing_for_a_binary_file_and_never_raises(tmp_path):
    assert display_text(write(tmp_path, "image.md", PNG)) == ""
    assert display_text(tmp_path / "missing.md") == ""


def gbk(repeats: int) -> bytes:
    return ("## 一、部分\n\n这是中文内容，用来测试编码检测的速度。\n" * repeats).encode("gbk")


def test_a_megabyte_of_gbk_is_detected_and_decoded_whole():
    source = decode_source(gbk(25_000), "big.md")
    assert source.encoding == "gb18030"
    assert source.text == gbk(25_000).decode("gbk")


@pytest.mark.slow
def test_decoding_takes_time_linear_in_the_size():
    assert_linear(lambda repeats: decode_source(gbk(repeats), "big.md"), 5_000)


# --- which files are notes: the shared rule ------------------------------------------------------


@pytest.fixture
def vault(tmp_path) -> Path:
    """docs/ with notes at several depths and every kind of file that is no note."""
    docs = tmp_path / "docs"
    notes = docs / "notes"
    for name in ("a.md", "deep/er/b.md", "x.md/inner.md", ".draft.md", "..md", ".hidden/h.md"):
        write(notes, name, NOTE.encode())
    write(tmp_path, "outside/secret.md", b"# SECRET-OUTSIDE\n")
    os.symlink(tmp_path / "outside" / "secret.md", notes / "leak.md")
    os.symlink("nowhere.md", notes / "dangling.md")
    os.symlink("loop2.md", notes / "loop1.md")
    os.symlink("loop1.md", notes / "loop2.md")
    os.symlink("..", notes / "deep" / "up")
    os.symlink("../a.md", notes / "deep" / "alias.md")
    return docs


def skipped_by_path(diagnostics) -> dict[str, Severity]:
    return {d.path: d.severity for d in diagnostics}


def test_every_md_under_notes_at_any_depth_is_a_note_and_nothing_else(vault):
    notes, _ = find_notes(vault)
    assert notes == ["notes/a.md", "notes/deep/alias.md", "notes/deep/er/b.md", "notes/x.md/inner.md"]


def test_names_starting_with_a_dot_are_skipped_with_info(vault):
    skipped = skipped_by_path(find_notes(vault)[1])
    for path in ("notes/.draft.md", "notes/..md", "notes/.hidden"):
        assert skipped[path] is Severity.INFO


def test_a_link_out_of_the_docs_folder_is_skipped_with_a_warning(vault):
    _, skipped = find_notes(vault)
    leak = next(d for d in skipped if d.path == "notes/leak.md")
    assert leak.severity is Severity.WARNING
    assert "outside the docs folder" in leak.message


def test_a_setting_can_allow_links_out_of_the_docs_folder(vault):
    notes, _ = find_notes(vault, allow_outside_links=True)
    assert "notes/leak.md" in notes


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("notes/dangling.md", "a symbolic link to 'nowhere.md', which does not exist"),
        ("notes/loop1.md", "leads round in a loop"),
        ("notes/deep/up", "a folder it is in (a loop)"),
        ("notes/x.md", "a folder named like a note"),
    ],
)
def test_broken_links_loops_and_folders_named_like_notes_are_warned_about(vault, path, fragment):
    _, skipped = find_notes(vault)
    assert any(d.path == path and d.severity is Severity.WARNING and fragment in d.message for d in skipped)


def test_a_pipe_named_like_a_note_is_skipped_without_being_opened(vault):
    os.mkfifo(vault / "notes" / "pipe.md")
    notes, skipped = find_notes(vault)
    assert "notes/pipe.md" not in notes
    assert "not a regular file" in skipped_by_path_message(skipped, "notes/pipe.md")


def skipped_by_path_message(diagnostics, path: str) -> str:
    return next(d.message for d in diagnostics if d.path == path)


def test_the_per_file_rule_agrees_with_the_walk_on_what_mkdocs_lists(vault):
    """MkDocs follows folder links (the loop too); the per-file rule drops what the walk skips."""
    listed = [
        "notes/a.md",
        "notes/deep/alias.md",
        "notes/deep/er/b.md",
        "notes/deep/up/a.md",
        "notes/deep/up/deep/up/a.md",
        "notes/x.md/inner.md",
        "notes/leak.md",
        "notes/dangling.md",
        "notes/loop1.md",
    ]
    notes, _ = find_notes(vault)
    assert [uri for uri in listed if note_file_problem(vault, uri) is None] == notes


# --- the checker and the build ------------------------------------------------------------------


def check(docs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK_NOTES), "--format", "json", str(docs / "notes")],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_the_checker_reports_every_odd_file_and_exits_1_without_a_traceback(vault):
    write(vault / "notes", "gbk.md", NOTE.encode("gbk"))
    write(vault / "notes", "image.md", PNG)
    result = check(vault)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_path = {(row["docs_path"], row["severity"]) for row in rows}
    for expected in [
        ("notes/gbk.md", "warning"),
        ("notes/image.md", "error"),
        ("notes/leak.md", "warning"),
        ("notes/dangling.md", "warning"),
        ("notes/loop1.md", "warning"),
        ("notes/x.md", "warning"),
        ("notes/.draft.md", "info"),
    ]:
        assert expected in by_path


@pytest.mark.slow
def test_the_build_skips_what_the_checker_skips_and_publishes_nothing_from_outside(tmp_path):
    config = make_project(tmp_path, {"a.md": NOTE})
    docs = tmp_path / "docs"
    write(tmp_path, "outside/secret.md", b"# SECRET-OUTSIDE\n\n## s\n\nSECRET-OUTSIDE\n")
    os.symlink(tmp_path / "outside" / "secret.md", docs / "notes" / "leak.md")
    os.symlink(tmp_path / "mkdocs.yml", docs / "notes" / "config.md")
    os.symlink("nowhere.md", docs / "notes" / "dangling.md")
    os.symlink("loop2.md", docs / "notes" / "loop1.md")
    os.symlink("loop1.md", docs / "notes" / "loop2.md")
    os.symlink(".", docs / "notes" / "here")
    (docs / "notes" / "x.md").mkdir()
    write(docs / "notes", ".draft.md", NOTE.encode())

    built = mkdocs_build(config)
    assert built.returncode == 0, built.log
    assert "Traceback" not in built.log
    for path in ("leak.md", "config.md", "dangling.md", "loop1.md", "here", "x.md"):
        assert f"WARNING -  notes/{path}:1: " in built.log
    assert "INFO    -  notes/.draft.md:1: skipped" in built.log
    published = "".join(p.read_text("utf-8", "replace") for p in built.site.rglob("*") if p.is_file())
    assert "SECRET-OUTSIDE" not in published and "INHERIT" not in published
    index = json.loads((built.site / "notes.json").read_text("utf-8"))
    assert [note["source"] for note in index["notes"]] == ["docs/notes/a.md"]
    assert mkdocs_build(config, "--strict").returncode == 1


@pytest.mark.slow
def test_a_gbk_note_builds_with_a_warning_and_fails_strict(tmp_path):
    config = make_project(tmp_path, {"gbk.md": ""})
    (tmp_path / "docs" / "notes" / "gbk.md").write_bytes(NOTE.encode("gbk"))
    built = mkdocs_build(config)
    assert built.returncode == 0, built.log
    assert "WARNING -  notes/gbk.md:1: the note is not UTF-8: it is read as GB18030" in built.log
    assert built.html("gbk/").select_one("article h1").get_text(strip=True).startswith("推理优化笔记")
    strict = mkdocs_build(config, "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.log


@pytest.mark.slow
def test_a_binary_note_becomes_the_broken_note_page_without_a_traceback(tmp_path):
    config = make_project(tmp_path, {"image.md": ""})
    (tmp_path / "docs" / "notes" / "image.md").write_bytes(PNG)
    built = mkdocs_build(config)
    assert built.returncode == 0, built.log
    assert "ERROR   -  notes/image.md:1: the file is not a text note (it holds NUL bytes)" in built.log
    assert "could not be read" in built.html("image/").select_one("article").get_text()
    assert "Traceback" not in built.log
