"""scripts/check_notes.py: every problem the build would log, as `file:line: severity: message`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from notesite.analyse.analysis import unpaired_sections
from notesite.analyse.checked_note import read_note
from notesite.analyse.comparisons import find_comparisons
from notesite.analyse.context import note_context
from notesite.layout.vault_links import check_note
from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.note import Note
from notesite.read.parser import parse_note
from scripts.scratch_project import site_docs

from .conftest import FIXTURES, ROOT, SEED, build_notes

SCRIPT = ROOT / "scripts" / "check_notes.py"
CHECK = FIXTURES / "check"
PROBLEMS = CHECK / "problems.md"
BROKEN = CHECK / "broken-front-matter.md"
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+\.md):(?P<line>\d+): (?P<severity>info|warning|error): (?P<message>.+)$"
)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder whose docs/notes/ holds the seed, as a user's does."""
    site_docs(tmp_path, {SEED.name: SEED.read_text("utf-8")}, site_files=())
    return tmp_path


SEED_IN_PROJECT = f"docs/notes/{SEED.name}"


def found(line: int, severity: Severity, fragment: str, diagnostics: list[Diagnostic]) -> bool:
    return any(d.line == line and d.severity is severity and fragment in d.message for d in diagnostics)


# --- what is reported ------------------------------------------------------------------------

# (line, severity, part of the message): one row per kind of problem in problems.md.
PROBLEM_KINDS = [
    (2, Severity.WARNING, "front matter 'created': '2025-13-40' is not a date"),
    (3, Severity.WARNING, "front matter 'mastery_level': 1.5 is outside 0..1"),
    (4, Severity.WARNING, "front matter 'compare' should be"),
    (8, Severity.INFO, "'### 开场白' comes before any section"),
    (10, Severity.WARNING, "citation [1,9] names reference [9], which the reference list does not have"),
    (14, Severity.INFO, "sections '1.1 前端开发' / '1.2 后端开发' name different subjects"),
    (24, Severity.INFO, "section '2.1 前端开发所需技能' is about '前端开发' but is not paired"),
    (32, Severity.INFO, "section '2.3 后端开发所需技能' is about '后端开发' but is not paired"),
    (42, Severity.WARNING, "timeline: cannot read the time span in '入职初期之后'"),
    (50, Severity.INFO, "section '四、空章节' is empty"),
    (52, Severity.INFO, "heading '四、空章节' repeats the one at line 50"),
    (54, Severity.WARNING, "heading has no text; its page is titled '第 6 节'"),
    (63, Severity.INFO, "line in the reference list is not an entry"),
    (65, Severity.INFO, "reference [3] has no quoted title"),
    (65, Severity.INFO, "reference [3] is never cited"),
    (66, Severity.INFO, "reference [4] has no URL"),
    (67, Severity.WARNING, "reference [4] is numbered again (first at line 66)"),
]


@pytest.mark.parametrize(
    ("line", "severity", "fragment"), PROBLEM_KINDS, ids=[fragment[:40] for _, _, fragment in PROBLEM_KINDS]
)
def test_each_kind_of_problem_is_reported_at_its_line(line, severity, fragment):
    assert found(line, severity, fragment, check_note(PROBLEMS, CHECK)), check_note(PROBLEMS, CHECK)


def test_unreadable_front_matter_is_the_one_error_of_its_note():
    diagnostics = check_note(BROKEN, CHECK)
    assert [(d.path, d.line, d.severity) for d in diagnostics] == [
        ("broken-front-matter.md", 2, Severity.ERROR)
    ]
    assert "front matter is not valid YAML" in diagnostics[0].message


def test_messages_come_sorted_by_line_most_severe_first():
    diagnostics = check_note(PROBLEMS, CHECK)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    keys = [(d.line, order[d.severity]) for d in diagnostics]
    assert keys == sorted(keys)


def test_the_seed_has_infos_but_no_warnings(project):
    diagnostics = check_note(project / SEED_IN_PROJECT, project / "docs")
    assert diagnostics, "the seed cites neither [4] nor [5]"
    assert all(d.severity is Severity.INFO for d in diagnostics), diagnostics
    assert all(d.path == f"notes/{SEED.name}" for d in diagnostics)


def test_a_date_yaml_cannot_build_is_a_warning_on_its_key_not_a_crash():
    note = parse_note("---\ntags: [a]\nnext_review: 2025-02-30\n---\n# T\n\n## 1. A\n\nx\n", "n.md")
    assert note.front_matter.next_review is None
    assert note.front_matter.tags == ["a"]
    assert found(3, Severity.WARNING, "'2025-02-30' is not a date", note.diagnostics)


# --- sections it could not pair --------------------------------------------------------------

PAIRED = """# 前端开发还是后端开发？

## 一、定义

### 1.1 前端开发

**定义**：界面。

### 1.2 后端开发

**定义**：接口。
"""


def _unpaired(note: Note) -> list[Diagnostic]:
    context = note_context(note)
    return unpaired_sections(context, find_comparisons(context))


def test_sections_that_pair_into_a_comparison_are_not_reported():
    note = parse_note(PAIRED, "n.md")
    assert _unpaired(note) == []


def test_sections_that_share_no_label_are_reported_once_at_the_first():
    note = parse_note(PAIRED.replace("**定义**：接口", "**职责**：接口"), "n.md")
    diagnostics = _unpaired(note)
    assert [(d.line, d.severity) for d in diagnostics] == [(5, Severity.INFO)]


def test_a_section_about_one_subject_alone_is_not_reported():
    text = "# 前端开发还是后端开发？\n\n## 一、前端\n\n### 1.1 前端开发\n\n**定义**：界面。\n"
    note = parse_note(text, "n.md")
    assert _unpaired(note) == []


def test_the_seed_pairs_every_section_about_a_subject():
    checked = read_note(SEED, SEED.parent)
    assert checked.note is not None
    assert _unpaired(checked.note) == []


# --- the command line ------------------------------------------------------------------------


@pytest.mark.slow
def test_text_output_is_file_line_severity_message_relative_to_the_current_folder():
    result = run("tests/fixtures/check/problems.md")
    lines = result.stdout.splitlines()
    assert lines and all(TEXT_LINE.match(line) for line in lines), result.stdout
    assert {TEXT_LINE.match(line)["path"] for line in lines} == {"tests/fixtures/check/problems.md"}
    assert "tests/fixtures/check/problems.md:42: warning: timeline: cannot read" in result.stdout
    assert "1 note(s) checked" in result.stderr


@pytest.mark.slow
def test_exit_status_0_for_the_seed_1_for_warnings_or_errors_2_for_usage(project):
    seed = run(SEED_IN_PROJECT, cwd=project)
    assert seed.returncode == 0, seed.stdout + seed.stderr
    assert f"{SEED_IN_PROJECT}:477: info: reference [4] is never cited" in seed.stdout
    assert run(str(PROBLEMS)).returncode == 1
    assert run(str(BROKEN)).returncode == 1
    assert run("no/such/note.md").returncode == 2
    assert run("--format", "xml").returncode == 2


@pytest.mark.slow
def test_folders_are_expanded_and_files_grouped_in_order():
    result = run("tests/fixtures/check")
    paths = [TEXT_LINE.match(line)["path"] for line in result.stdout.splitlines()]
    assert paths == sorted(paths)
    assert set(paths) == {"tests/fixtures/check/broken-front-matter.md", "tests/fixtures/check/problems.md"}
    expected = "tests/fixtures/check/broken-front-matter.md:2: error: front matter is not valid YAML"
    assert expected in result.stdout


@pytest.mark.slow
def test_json_lines_carry_the_same_messages():
    text = run(str(PROBLEMS), cwd=ROOT).stdout.splitlines()
    rows = [json.loads(line) for line in run("--format", "json", str(PROBLEMS)).stdout.splitlines()]
    assert len(rows) == len(text)
    for row, line in zip(rows, text, strict=True):
        assert set(row) == {"path", "docs_path", "line", "severity", "message"}
        assert line == f"{row['path']}:{row['line']}: {row['severity']}: {row['message']}"
        assert row["docs_path"] == "problems.md"


@pytest.mark.slow
def test_quiet_hides_info_but_not_the_exit_status(project):
    result = run("--quiet", str(PROBLEMS))
    assert ": info: " not in result.stdout
    assert ": warning: " in result.stdout
    assert result.returncode == 1
    seed = run("--quiet", SEED_IN_PROJECT, cwd=project)
    assert seed.stdout == "" and seed.returncode == 0


@pytest.mark.slow
def test_messages_name_the_note_as_the_build_does_inside_docs(project):
    rows = [
        json.loads(line) for line in run("--format", "json", SEED_IN_PROJECT, cwd=project).stdout.splitlines()
    ]
    assert rows
    assert {row["docs_path"] for row in rows} == {f"notes/{SEED.name}"}


@pytest.mark.slow
def test_without_paths_every_note_under_the_repository_docs_notes_is_checked():
    notes = list((ROOT / "docs" / "notes").rglob("*.md"))
    result = run("--quiet")
    assert result.returncode in (0, 1), result.stderr
    assert f"{len(notes)} note(s) checked" in result.stderr


@pytest.mark.slow
def test_the_checker_loads_neither_mkdocs_nor_jieba_nor_the_link_checker():
    probe = "\n".join(
        [
            "import runpy, sys",
            f"sys.argv = [{str(SCRIPT)!r}, '--quiet', {str(SEED)!r}]",
            "try:",
            "    runpy.run_path(sys.argv[0], run_name='__main__')",
            "except SystemExit:",
            "    pass",
            "print(sorted(m for m in ('mkdocs', 'jieba', 'aiohttp', 'material') if m in sys.modules))",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


# --- the same messages as the build ----------------------------------------------------------

LOG_LINE = re.compile(r"^(INFO|WARNING|ERROR)\s+-\s+(notes/[^:\s]+\.md):(\d+): (.+)$")


@pytest.mark.slow
def test_the_checker_reports_what_the_build_logs(tmp_path):
    built = build_notes(tmp_path, {"problems.md": PROBLEMS.read_text("utf-8")})
    assert built.returncode == 0, built.log
    logged = {(m[2], int(m[3]), m[1].lower(), m[4]) for m in map(LOG_LINE.match, built.log.splitlines()) if m}
    source = tmp_path / "docs" / "notes" / "problems.md"
    checked = read_note(source, tmp_path / "docs")
    reported = {(d.path, d.line, str(d.severity), d.message) for d in checked.diagnostics}
    assert logged, built.log
    assert logged == reported
