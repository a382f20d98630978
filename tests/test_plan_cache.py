"""Layouts and links kept between serve's rebuilds are used only where nothing they were made
from changed: the same note read, equal settings, the same vault, the same notes linked into."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from notesite.analyse.note_cache import NoteCache
from notesite.build import BuildOptions, NoteSite, build_site
from notesite.knowledge.plan_cache import PlanCache
from notesite.knowledge.site_plan import plan_site
from notesite.model.words import interface_labels

VAULT = Path(__file__).parent / "fixtures" / "vault"


def _vault(tmp_path: Path) -> list[str]:
    shutil.copytree(VAULT, tmp_path / "notes")
    return sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))


def _build(tmp_path: Path, notes: list[str], read: NoteCache, kept: PlanCache, **options: Any) -> NoteSite:
    site = build_site(tmp_path, notes, BuildOptions(read=read.read, planned=kept, **options))
    read.end_build()
    kept.end_build()
    return site


def _write(tmp_path: Path, notes: dict[str, str]) -> list[str]:
    for name, text in notes.items():
        (tmp_path / "notes" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "notes" / name).write_text(text, "utf-8")
    return sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))


def test_a_rebuild_lays_out_and_links_again_only_what_an_edit_changed(tmp_path):
    notes = _vault(tmp_path)
    read, kept = NoteCache(), PlanCache()
    first = _build(tmp_path, notes, read, kept)
    edited = tmp_path / notes[0]
    edited.write_text(edited.read_text("utf-8") + "\n## 新的一节\n\n新的正文。\n", "utf-8")
    again = build_site(tmp_path, notes, BuildOptions(read=read.read, planned=kept))
    assert len(notes) > 3 and kept.layouts_reused == len(notes) - 1
    assert 0 < kept.links_reused < len(notes)
    assert again.markdown == build_site(tmp_path, notes, BuildOptions()).markdown != first.markdown
    assert "新的一节" in [section.title for section in again.layouts[0].note.sections]
    # The other notes' layouts are the last build's.
    assert all(a is b for a, b in zip(first.layouts[1:], again.layouts[1:], strict=True))


def test_a_link_into_a_note_follows_its_headings(tmp_path):
    notes = _write(
        tmp_path, {"a.md": "# A\n\nSee [[b#Two]].\n", "b.md": "# B\n\n## One\n\n1\n\n## Two\n\n2\n"}
    )
    read, kept = NoteCache(), PlanCache()

    def planned() -> tuple[Any, Any]:
        plan = plan_site(tmp_path, notes, read=read.read, kept=kept)
        read.end_build()
        kept.end_build()
        fresh = plan_site(tmp_path, notes)
        assert (plan.links, plan.link_problems) == (fresh.links, fresh.link_problems)
        return plan.links["notes/a.md"][0].target, [d.message for d in plan.link_problems]

    assert planned() == planned()
    _write(tmp_path, {"b.md": "# B\n\nnew line\n\n## One\n\n1\n\n## Two\n\n2\n"})
    moved, _ = planned()
    assert moved.line == 9
    _write(tmp_path, {"b.md": "# B\n\n## One\n\n1\n\n## Zwei\n\n2\n"})
    assert any("has no heading" in message for message in planned()[1])


def test_a_new_note_resolves_the_links_that_named_it(tmp_path):
    notes = _write(tmp_path, {"a.md": "# A\n\nSee [[c]].\n"})
    read, kept = NoteCache(), PlanCache()
    before = plan_site(tmp_path, notes, read=read.read, kept=kept)
    read.end_build()
    kept.end_build()
    notes = _write(tmp_path, {"c.md": "# C\n\ntext\n"})
    after = plan_site(tmp_path, notes, read=read.read, kept=kept)
    assert kept.links_reused == 0
    assert type(before.links["notes/a.md"][0].target).__name__ == "UnresolvedTarget"
    assert after.links["notes/a.md"][0].target.path == "notes/c.md"  # type: ignore[union-attr]


def test_other_settings_lay_every_note_out_again(tmp_path):
    notes = _vault(tmp_path)
    read, kept = NoteCache(), PlanCache()
    first = _build(tmp_path, notes, read, kept)
    english = _build(tmp_path, notes, read, kept, labels=interface_labels("en"))
    assert kept.layouts_reused == 0 and english.markdown != first.markdown
    options: dict[str, Any] = {"labels": interface_labels("en"), "split_threshold": 0}
    split = build_site(tmp_path, notes, BuildOptions(read=read.read, planned=kept, **options))
    assert kept.layouts_reused == 0
    assert split.markdown == build_site(tmp_path, notes, BuildOptions(**options)).markdown


def test_only_what_the_last_build_laid_out_is_kept(tmp_path):
    notes = _vault(tmp_path)
    read, kept = NoteCache(), PlanCache()
    checked = read.read(tmp_path / notes[0], tmp_path)
    layout = _build(tmp_path, notes[:1], read, PlanCache()).layouts[0]
    assert kept.layout(checked, "settings", lambda: layout) is layout
    kept.end_build()
    assert kept.layout(checked, "settings", lambda: None) is layout  # type: ignore[arg-type,return-value]
    kept.end_build()
    assert kept.layout(checked, "other settings", lambda: None) is None  # type: ignore[arg-type,return-value]
    kept.end_build()
    kept.end_build()  # a build without the note: what the one before kept is gone
    assert kept.layout(checked, "other settings", lambda: layout) is layout
