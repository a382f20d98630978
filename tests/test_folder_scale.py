"""A folder of thousands of notes (issue 20): every note is published, and no note's page grows
with the folder, since its navigation is grouped like a long note's pages."""

from __future__ import annotations

import pytest

from tests.conftest import build_notes

pytestmark = pytest.mark.slow

COUNT = 2000
# A note page of this site is about 24 KB; the folder's whole navigation would be 250 KB and more.
LARGEST_NOTE_PAGE = 64 * 1024


def test_every_note_of_a_full_folder_is_published_and_no_note_page_grows_with_it(tmp_path):
    notes = {f"big/note-{n:05d}.md": f"# Note {n}\n\nA small note, number {n}.\n" for n in range(COUNT)}
    built = build_notes(tmp_path, notes, "--strict")
    assert built.returncode == 0, built.log[-2000:]
    published = sorted(path.parent.name for path in (built.site / "big").glob("*/index.html"))
    assert published == [f"note-{n:05d}" for n in range(COUNT)]
    sizes = {path: path.stat().st_size for path in (built.site / "big").rglob("*.html")}
    assert max(sizes.values()) <= LARGEST_NOTE_PAGE, max(sizes, key=sizes.__getitem__)
