"""`mkdocs build --dirty` removes the pages of a deleted note, as serve does (issue 20): the build
leaves a list of what it generated from notes in the site, and the next dirty build, a process of
its own, deletes what is no longer generated."""

from __future__ import annotations

import pytest

from notesite_mkdocs.incremental import GENERATED_LIST
from tests.conftest import make_project, mkdocs_build

pytestmark = pytest.mark.slow

LONG = " ".join(["words"] * 400)
NOTE = f"# Gone\n\nintro\n\n## One\n\n{LONG}\n\n## Two\n\n{LONG}\n"


def test_a_dirty_build_deletes_the_pages_of_a_deleted_note_and_keeps_the_rest(tmp_path):
    config = make_project(tmp_path, {"kept.md": "# Kept\n\ntext\n", "gone.md": NOTE})
    built = mkdocs_build(config)
    assert built.returncode == 0, built.log
    gone = sorted(path for path in (built.site / "gone").rglob("*") if path.is_file())
    assert len(gone) >= 3
    (built.docs / "notes" / "gone.md").unlink()
    (built.site / "mine.txt").write_text("a file of the site's owner", "utf-8")
    again = mkdocs_build(config, "--dirty")
    assert again.returncode == 0, again.log
    assert not (built.site / "gone").exists()
    assert (built.site / "kept" / "index.html").is_file() and (built.site / "mine.txt").is_file()
    assert "gone/" not in (built.site / GENERATED_LIST).read_text("utf-8")


def test_a_list_naming_files_outside_the_site_deletes_nothing_there(tmp_path):
    config = make_project(tmp_path, {"kept.md": "# Kept\n\ntext\n"})
    assert mkdocs_build(config).returncode == 0
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", "utf-8")
    site = tmp_path / "site"
    (site / GENERATED_LIST).write_text('["../precious.txt", "/etc/hostname"]', "utf-8")
    assert mkdocs_build(config, "--dirty").returncode == 0
    assert outside.read_text("utf-8") == "keep me"
