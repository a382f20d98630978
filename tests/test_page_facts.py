"""Reading time from a page's own text, and each note's last change from git or the file's date."""

from __future__ import annotations

import os
import subprocess
from datetime import date

import pytest
from bs4 import BeautifulSoup

from notesite.model.words import LABELS
from notesite.render.page_facts import page_facts, reading_minutes
from notesite_mkdocs.last_change import last_changes

from .conftest import build_notes


def test_chinese_reads_at_400_characters_and_english_at_200_words_a_minute():
    assert reading_minutes(["字" * 400]) == 1
    assert reading_minutes(["字" * 401]) == 2
    assert reading_minutes(["word " * 200, "字" * 400]) == 2
    assert reading_minutes(["word " * 201]) == 2
    assert reading_minutes([]) == 1  # an empty page still takes a moment


def test_the_facts_line_escapes_and_dates_the_change():
    labels = {**LABELS["en"], "reading_time": "<b>{n}</b> min"}
    html = BeautifulSoup(str(page_facts(["word"], date(2026, 3, 4), labels)), "html.parser")
    assert html.select_one("p.ns-page-facts span").get_text() == "<b>1</b> min"
    assert html.select_one("time")["datetime"] == "2026-03-04"
    assert "2026-03-04" in html.get_text()
    assert page_facts(["word"], None, LABELS["en"]).count("<time") == 0


def git(folder, *args: str, when: str = "2026-01-02T03:04:05+00:00") -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


@pytest.mark.slow
def test_last_change_is_the_notes_last_commit_else_its_files_date(tmp_path):
    docs = tmp_path / "docs"
    (docs / "notes").mkdir(parents=True)
    for name in ("a.md", "b.md", "笔记.md"):
        (docs / "notes" / name).write_text("# x\n", "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    (docs / "notes" / "a.md").write_text("# x\n\nmore\n", "utf-8")
    git(
        tmp_path,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qam",
        "2",
        when="2026-02-03T23:00+08:00",
    )
    (docs / "notes" / "new.md").write_text("# new\n", "utf-8")
    os.utime(docs / "notes" / "new.md", (1_700_000_000, 1_700_000_000))
    found = last_changes(docs, ["notes/a.md", "notes/b.md", "notes/笔记.md", "notes/new.md"])
    assert found == {
        "notes/a.md": date(2026, 2, 3),  # the committer's own day
        "notes/b.md": date(2026, 1, 2),
        "notes/笔记.md": date(2026, 1, 2),
        "notes/new.md": date.fromtimestamp(1_700_000_000),  # not committed: the file's date
    }


@pytest.mark.slow
def test_each_note_page_shows_its_reading_time_and_last_change_under_the_title(tmp_path):
    text = "# Title\n\n## 1. One\n\n" + "word " * 450 + "\n\n## 2. Two\n\nshort\n"
    built = build_notes(tmp_path, {"t.md": text}, "--strict")  # a site in Chinese, by default
    assert built.returncode == 0, built.log
    today = date.fromtimestamp((built.docs / "notes" / "t.md").stat().st_mtime).isoformat()
    for url, minutes in (("t/", "3 分钟"), ("t/section-1/", "3 分钟"), ("t/section-2/", "1 分钟")):
        page = built.html(url)
        facts = page.select_one("article h1 + p.ns-page-facts")
        assert facts is not None, url
        assert minutes in facts.get_text() and facts.select_one("time")["datetime"] == today
