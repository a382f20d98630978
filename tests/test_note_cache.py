"""Notes kept between serve's rebuilds are used only for the bytes they were read from."""

from __future__ import annotations

import shutil
from pathlib import Path

from notesite.analyse.note_cache import NoteCache
from notesite.build import BuildOptions, build_site

VAULT = Path(__file__).parent / "fixtures" / "vault"


def _note(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notes" / "a.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_unchanged_bytes_are_read_once(tmp_path):
    cache, path = NoteCache(), _note(tmp_path, "# A\n\n## One\n\ntext\n")
    first = cache.read(path, tmp_path)
    cache.end_build()
    assert cache.read(path, tmp_path) is first


def test_an_edit_is_read_afresh(tmp_path):
    cache, path = NoteCache(), _note(tmp_path, "# A\n\n## One\n\ntext\n")
    cache.read(path, tmp_path)
    cache.end_build()
    _note(tmp_path, "# A\n\n## Two\n\ntext\n")
    assert [s.title for s in cache.read(path, tmp_path).note.sections] == ["Two"]


def test_a_note_no_build_read_is_forgotten(tmp_path):
    cache, path = NoteCache(), _note(tmp_path, "# A\n")
    first = cache.read(path, tmp_path)
    cache.end_build()
    cache.end_build()  # a build without this note
    assert cache.read(path, tmp_path) is not first


def test_a_site_built_from_kept_notes_is_the_site_built_afresh(tmp_path):
    shutil.copytree(VAULT, tmp_path / "notes")
    notes = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))
    cache = NoteCache()
    first = build_site(tmp_path, notes, BuildOptions(read=cache.read)).markdown
    cache.end_build()
    again = build_site(tmp_path, notes, BuildOptions(read=cache.read))
    assert len(notes) > 3 and cache.hits == len(notes)
    assert again.markdown == first


def test_the_build_names_the_vault_readme_without_writing_to_the_kept_note(tmp_path):
    # A README titled by its file name is shown as the notes' home, titled for what it is.
    path = tmp_path / "notes" / "README.md"
    path.parent.mkdir()
    path.write_text("Some text.\n\n## One\n\ntext\n", "utf-8")
    cache = NoteCache()
    site = build_site(tmp_path, ["notes/README.md"], BuildOptions(read=cache.read))
    cache.end_build()
    kept = cache.read(path, tmp_path).note
    assert cache.hits == 1 and kept is not None
    assert (kept.title, kept.titled_by) == ("notes", "file name")
    assert site.layouts[0].note.title == "Notes"
