"""Layouts kept between serve's rebuilds are used only for the very note read and equal settings."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from notesite.analyse.note_cache import NoteCache
from notesite.build import BuildOptions, NoteSite, build_site
from notesite.knowledge.layout_cache import LayoutCache
from notesite.model.words import interface_labels

VAULT = Path(__file__).parent / "fixtures" / "vault"


def _vault(tmp_path: Path) -> list[str]:
    shutil.copytree(VAULT, tmp_path / "notes")
    return sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))


def _build(
    tmp_path: Path, notes: list[str], read: NoteCache, laid_out: LayoutCache, **options: Any
) -> NoteSite:
    site = build_site(tmp_path, notes, BuildOptions(read=read.read, laid_out=laid_out, **options))
    read.end_build()
    laid_out.end_build()
    return site


def test_a_rebuild_lays_out_only_the_note_an_edit_changed_and_builds_the_same_site(tmp_path):
    notes = _vault(tmp_path)
    read, laid_out = NoteCache(), LayoutCache()
    first = _build(tmp_path, notes, read, laid_out)
    edited = tmp_path / notes[0]
    edited.write_text(edited.read_text("utf-8") + "\n## 新的一节\n\n新的正文。\n", "utf-8")
    again = build_site(tmp_path, notes, BuildOptions(read=read.read, laid_out=laid_out))
    assert len(notes) > 3 and laid_out.hits == len(notes) - 1
    assert again.markdown == build_site(tmp_path, notes, BuildOptions()).markdown != first.markdown
    assert "新的一节" in [section.title for section in again.layouts[0].note.sections]
    # The other notes' layouts are the last build's.
    assert all(a is b for a, b in zip(first.layouts[1:], again.layouts[1:], strict=True))


def test_other_settings_lay_every_note_out_again(tmp_path):
    notes = _vault(tmp_path)
    read, laid_out = NoteCache(), LayoutCache()
    first = _build(tmp_path, notes, read, laid_out)
    english = _build(tmp_path, notes, read, laid_out, labels=interface_labels("en"))
    assert laid_out.hits == 0 and english.markdown != first.markdown
    split = build_site(
        tmp_path,
        notes,
        BuildOptions(read=read.read, laid_out=laid_out, labels=interface_labels("en"), split_threshold=0),
    )
    assert laid_out.hits == 0
    assert (
        split.markdown
        == build_site(
            tmp_path, notes, BuildOptions(labels=interface_labels("en"), split_threshold=0)
        ).markdown
    )


def test_only_what_the_last_build_laid_out_is_kept(tmp_path):
    notes = _vault(tmp_path)
    read, laid_out = NoteCache(), LayoutCache()
    checked = read.read(tmp_path / notes[0], tmp_path)
    layout = _build(tmp_path, notes[:1], read, LayoutCache()).layouts[0]
    assert laid_out.layout(checked, "settings", lambda: layout) is layout
    laid_out.end_build()
    assert laid_out.layout(checked, "settings", lambda: None) is layout  # type: ignore[arg-type,return-value]
    laid_out.end_build()
    assert laid_out.layout(checked, "other settings", lambda: None) is None  # type: ignore[arg-type,return-value]
    laid_out.end_build()
    laid_out.end_build()  # a build without the note: what the one before kept is gone
    assert laid_out.layout(checked, "other settings", lambda: layout) is layout
