"""The smoke test: the repository's own docs/ and mkdocs.yml build as `make build` builds them.

docs/notes/ holds the user's notes, whatever they are, so this asserts only what holds for any
notes: the build passes with no warning of the site's own (a warning about a note's text names
the note's file and line: it is the user's to fix, `make build` fails on it, and this test
reports it without failing), every note is published with an overview page listed in notes.json,
and docs/ is left as it was. What a build makes of a note is tested on fixtures.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import unquote

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

DOCS = ROOT / "docs"
# A message about a note's own text: `notes/<path>.md:<line>: …`.
NOTE_MESSAGE = re.compile(r"-\s+notes/.+?\.md:\d+: ")


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_repository_docs_build_with_an_overview_for_every_note(tmp_path):
    before = tree_hashes(DOCS)
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={"NOTESITE_LINK_CHECK": "cache", **os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    log = result.stdout + result.stderr
    problems = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    about_notes = [line for line in problems if NOTE_MESSAGE.search(line)]
    if about_notes:
        message = "`make build` (--strict) stops on the notes' own problems:\n" + "\n".join(about_notes)
        warnings.warn(message, stacklevel=1)
    site_problems = [line for line in problems if line not in about_notes]
    assert result.returncode == 0 and not site_problems, "docs/ does not build:\n" + "\n".join(
        site_problems or [log]
    )
    assert "Traceback" not in log

    notes = json.loads((site / "notes.json").read_text("utf-8"))["notes"]
    on_disk = {f"docs/{path.relative_to(DOCS).as_posix()}" for path in (DOCS / "notes").rglob("*.md")}
    assert {note["source"] for note in notes} == on_disk
    for note in notes:
        overviews = [page["url"] for page in note["pages"] if page["kind"] == "overview"]
        assert len(overviews) == 1, note["source"]
        page = site / unquote(overviews[0].removeprefix("./")) / "index.html"
        assert page.is_file(), (note["source"], overviews[0])
    assert tree_hashes(DOCS) == before
