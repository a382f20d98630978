"""`notesite check` = `mkdocs build --strict` (issue 20): over every hostile fixture, and over
notes that collide with each other, the checker reports each warning and error the build logs,
with the same message at the same file and line, and fails exactly when the build does."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from notesite.cli.check import main as check_main
from notesite_mkdocs.site_file import site_settings
from tests.conftest import make_project, mkdocs_build
from tests.test_hostile import BYTES, HOSTILE
from tests.test_hostile_names import hostile_notes

pytestmark = pytest.mark.slow

LONG = " ".join(["words"] * 400)
# Notes that are each fine alone and collide with another note or a page of the site.
COLLIDING = {
    "review.md": "# Review\n\ntext\n",  # the review dashboard's address
    # split: true — the checker and the build split it alike, whatever the site's threshold.
    "appendix/x.md": f"---\nsplit: true\n---\n# X\n\nintro\n\n## Appendix\n\n{LONG}\n\n## Other\n\n{LONG}\n",
    "appendix/x/appendix.md": "# Appendix\n\ntext\n",
    "slug/x.md": "---\nslug: b\n---\n# X\n\ntext\n",
    "slug/b.md": "# B\n\ntext\n",
    unicodedata.normalize("NFC", "twins/café.md"): "# Café\n\ntext\n",
    unicodedata.normalize("NFD", "twins/café.md"): "# Cafe\n\ntext\n",
    "case/Java.md": "# Java\n\ntext\n",
    "case/java.md": "# java\n\ntext\n",
    "folder/index.md": "# Index\n\ntext\n",
    "folder/README.md": "# Readme\n\ntext\n",
    "related/a.md": '---\nrelated_outlines: ["no\\u0007such note"]\n---\n# A\n\ntext\n',
    # Split by the site's own split_threshold (0 in test projects), which the checker reads.
    "sized/y.md": "# Y\n\nintro\n\n## Appendix\n\nsome words\n\n## Other\n\nmore words\n",
    "sized/y/appendix.md": "# Appendix\n\ntext\n",
}
# A note whose front matter cannot be read, and a note linking to it and to a heading of it.
BROKEN = {
    "broken.md": "---\ntitle: [unclosed\n---\n# Broken\n\nsee [[good]]\n",
    "good.md": "# Good\n\nsee [[broken]], [it](broken.md#heading) and [[broken#Broken]]\n",
}
_LOGGED = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(notes/.*?:\d+: .*)$", re.MULTILINE)


def _hostile_fixtures() -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for p in HOSTILE.glob("*.md") if p.name != "README.md"}
    found |= {p.with_suffix(".md").name: p.read_bytes() for p in HOSTILE.glob(f"*{BYTES}")}
    return found


def _compare(tmp_path: Path, notes: dict[str, bytes]) -> tuple[int, set[str]]:
    config = make_project(tmp_path, {})
    docs = tmp_path / "docs"
    for name, data in notes.items():
        (docs / "notes" / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / "notes" / name).write_bytes(data)
    built = mkdocs_build(config, "--strict")
    logged = set(_LOGGED.findall(built.log))
    return built.returncode, logged


def _checked(project: Path, capsys) -> tuple[int, set[str]]:
    """What `notesite check` reports in the project's folder, as its command does."""
    docs, site = site_settings(project)
    status = check_main(["--format", "json", str(docs / "notes")], docs=docs, site=site)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return status, {
        f"{row['docs_path']}:{row['line']}: {row['message']}" for row in rows if row["severity"] != "info"
    }


@pytest.mark.parametrize(
    "notes",
    [
        pytest.param(_hostile_fixtures(), id="hostile-fixtures"),
        pytest.param(
            {k: v.encode() for k, v in {**hostile_notes(), **BROKEN}.items()}, id="names-and-broken"
        ),
        pytest.param({k: v.encode() for k, v in COLLIDING.items()}, id="colliding"),
    ],
)
def test_the_checker_reports_what_the_build_logs_and_fails_when_it_fails(tmp_path, capsys, notes):
    build_status, logged = _compare(tmp_path, notes)
    check_status, reported = _checked(tmp_path, capsys)
    assert logged, "the build logged no warning: the case tests nothing"
    assert reported == logged
    assert (build_status != 0) == (check_status == 1)
