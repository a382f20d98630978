"""Page weight: no page of a note weighs more than twice plain Material's page of that note.

A note published on several pages repeats the site's header and navigation on each; what a page
may add beside the note's own text is bounded by the page plain Material makes of the same note.
Sizes of built files, compared per note (scripts/bench_vault.py measures whole vaults).
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from pathlib import Path

import pytest

from scripts.scratch_project import write_config

from .conftest import FIXTURES, SEED, mkdocs_build, split_all

pytestmark = pytest.mark.slow

LIMIT = 2.0


def _html(site: Path, url: str) -> Path:
    path = site / urllib.parse.unquote(url)
    return path / "index.html" if url.endswith("/") or not url else path


def _plain_url(source: Path) -> str:
    """The page plain Material makes of docs/notes/`source` (README and index are the folder's)."""
    stem = source.with_suffix("")
    parts = stem.parts[:-1] if stem.name in ("README", "index") else stem.parts
    return "notes/" + "".join(f"{part}/" for part in parts)


def test_no_page_of_a_note_weighs_more_than_twice_plain_materials_page_of_it(tmp_path):
    sites = {}
    for ours in (True, False):
        root = tmp_path / ("ours" if ours else "plain")
        shutil.copytree(FIXTURES / "kb", root / "docs" / "notes")
        shutil.copytree(FIXTURES / "vault", root / "docs" / "notes" / "vault")
        shutil.copyfile(SEED, root / "docs" / "notes" / SEED.name)
        built = mkdocs_build(write_config(root, root / "docs", plugin=ours, **split_all({})))
        assert built.returncode == 0, built.log
        sites[ours] = built.site
    notes = json.loads((sites[True] / "notes.json").read_text("utf-8"))["notes"]
    compared = 0
    for note in notes:
        plain = _html(sites[False], _plain_url(Path(note["source"]).relative_to("docs/notes")))
        for page in note["pages"]:
            ours = _html(sites[True], page["url"])
            ratio = ours.stat().st_size / plain.stat().st_size
            assert ratio <= LIMIT, f"{page['url']} is {ratio:.2f}× plain Material's page of {note['source']}"
            compared += 1
    assert len(notes) == 9 and compared > 2 * len(notes)  # every note, split into pages
