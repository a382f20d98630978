"""File and folder names that are markup, control or bidi characters (issue 20): they reach the
pages escaped, the edit and Source links as percent-encoded URLs, and get a warning naming them."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from notesite.analyse.checked_note import read_note
from notesite.knowledge.tags import normalize
from notesite.model.urls import url_path
from notesite.read.file_names import file_name_problems
from tests.conftest import FIXTURES, build_notes

NOTE = FIXTURES / "hostile" / "names-script-in-file-name.md"
SCRIPT_NAME = "\"><img src=x onerror=alert('XSS1')>.md"
FOLDER_NAME = "<b onmouseover=alert(2)>"
REPO = {"repo_url": "https://example.org/owner/repo", "edit_uri": "edit/main/docs/"}


def hostile_notes() -> dict[str, str]:
    """The fixture under a file name that is a script, and a note in a folder named like a tag."""
    text = NOTE.read_text("utf-8")
    return {SCRIPT_NAME: text, f"{FOLDER_NAME}/inside.md": "# Inside\n\nzebrafish too\n"}


@pytest.mark.parametrize(
    ("path", "held"),
    [
        (f"notes/{SCRIPT_NAME}", "markup"),
        ("notes/a\u202egpj.md", "bidi or zero-width"),
        ("notes/tab\there.md", "control characters"),
        (f"notes/{FOLDER_NAME}/x.md", "markup"),
    ],
)
def test_a_file_name_with_markup_control_or_bidi_characters_is_warned_about(path, held):
    [problem] = file_name_problems(path)
    assert (problem.path, problem.line) == (path, 1)
    assert held in problem.message and "rename it" in problem.message


@pytest.mark.parametrize("path", ["notes/java/线程池.md", "notes/Newton's laws (1687).md", "notes/a & b.md"])
def test_ordinary_file_names_get_no_warning(path):
    assert file_name_problems(path) == []


def test_the_checker_reads_the_warning_at_the_file(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / SCRIPT_NAME).write_text(NOTE.read_text("utf-8"), "utf-8")
    checked = read_note(tmp_path / "notes" / SCRIPT_NAME, tmp_path)
    assert any(
        str(d).startswith(f"notes/{SCRIPT_NAME}:1: the file's path holds markup") for d in checked.diagnostics
    )


def test_a_path_in_a_url_is_one_inert_url():
    assert (
        url_path(f"notes/{SCRIPT_NAME}")
        == "notes/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%28%27XSS1%27%29%3E.md"
    )
    assert url_path("notes/java/线程池.md") == "notes/java/%E7%BA%BF%E7%A8%8B%E6%B1%A0.md"


def test_tags_lose_bidi_and_zero_width_characters():
    assert normalize("#ev\u202eil\u200b tag/") == "evil tag"


@pytest.mark.slow
def test_no_page_carries_an_attribute_that_runs_and_links_name_the_file_encoded(tmp_path):
    built = build_notes(tmp_path, hostile_notes(), config=REPO)
    assert built.returncode == 0, built.log
    assert f"notes/{SCRIPT_NAME}:1: the file's path holds markup" in built.log
    pages = list(built.site.rglob("*.html"))
    for page in pages:
        html = built.html(page.relative_to(built.site).as_posix())
        for tag in html.find_all(True):
            assert not [name for name in tag.attrs if name.startswith("on")], (page, tag)
            assert tag.name not in ("img", "b") or tag.get("src") != "x", (page, tag)
        assert "\u202e" not in html.get_text() and "\u200b" not in html.get_text(), page
    notes = json.loads((built.site / "notes.json").read_text("utf-8"))["notes"]
    [overview] = [note["pages"][0]["url"] for note in notes if note["source"].endswith(SCRIPT_NAME)]
    html = built.html(overview)
    edit = html.select_one("a.md-content__button[rel=edit]")["href"]
    source = html.select_one(".ns-source a")
    for href in (edit, source["href"]):
        assert unquote(href).startswith(
            f"https://example.org/owner/repo/edit/main/docs/notes/{SCRIPT_NAME}#L"
        )
    # The label is in the site's language (zh here); the path follows it, as written.
    assert f": notes/{SCRIPT_NAME}" in source.get_text().replace("：", ": ")
    assert "title" not in source.attrs
    tags = {chip.get_text(strip=True) for chip in html.select(".md-tag")}
    assert "evil tag" in tags
