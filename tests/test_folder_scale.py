"""A folder of thousands of notes (issues 20 and 22): every note is published, and no page grows
with the folder: a note's navigation is grouped like a long note's pages, the home lists the
folder as one card, the review dashboard the soonest notes of each group."""

from __future__ import annotations

import pytest

from tests.conftest import build_notes

pytestmark = pytest.mark.slow

COUNT = 3000
# A note page of this site is about 24 KB; the folder's whole navigation would be 250 KB and more,
# a home listing every note about 350 KB, a dashboard listing every note about 1.5 MB.
LARGEST_PAGE = 192 * 1024


def test_every_note_of_a_full_folder_is_published_and_no_page_grows_with_it(tmp_path):
    notes = {
        f"big/note-{n:05d}.md": f"---\nnext_review: '2030-01-{n % 28 + 1:02d}'\n---\n# Note {n}\n"
        for n in range(COUNT)
    }
    built = build_notes(tmp_path, notes, "--strict")
    assert built.returncode == 0, built.log[-2000:]
    published = sorted(path.parent.name for path in (built.site / "big").glob("*/index.html"))
    assert published == [f"note-{n:05d}" for n in range(COUNT)]
    sizes = {path: path.stat().st_size for path in built.site.rglob("*.html")}
    assert built.site / "index.html" in sizes and built.site / "review" / "index.html" in sizes
    assert max(sizes.values()) <= LARGEST_PAGE, max(sizes, key=sizes.__getitem__)
