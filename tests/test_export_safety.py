"""`notesite export` never writes over what it reads (issue 20): not into the project, its docs/
or a folder holding them, nor over a non-empty folder no export made (unless --force, which still
never touches docs/ or the config). Refused, it says so and every file stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from notesite_mkdocs.export import main as export_main
from notesite_mkdocs.export_target import MARKER
from tests.conftest import make_project

NOTE = "# A note\n\nSome text.\n\n## One\n\nFirst section.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {"a.md": NOTE})


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `root`."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(root.rglob("*"))
    }


@pytest.mark.parametrize(
    ("out", "why"),
    [
        (".", "is or holds"),
        ("docs", "is inside"),
        ("docs/notes", "is inside"),
        ("docs/export", "is inside"),
        ("..", "is or holds"),
    ],
)
def test_export_into_the_project_or_its_docs_is_refused_and_writes_nothing(
    project, tmp_path, monkeypatch, capsys, out, why
):
    monkeypatch.chdir(project.parent)
    before = snapshot(tmp_path)
    for force in ([], ["--force"]):
        assert export_main(["--config", str(project), "--out", out, *force]) == 1
        message = capsys.readouterr().err
        assert "refused, nothing written" in message and why in message, message
    assert snapshot(tmp_path) == before


def test_export_over_a_folder_of_the_users_is_refused(project, tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.md").write_text("my own work", "utf-8")
    (mine / "docs").mkdir()
    (mine / "docs" / "keep.md").write_text("keep", "utf-8")
    before = snapshot(tmp_path)
    assert export_main(["--config", str(project), "--out", str(mine)]) == 1
    assert "is not empty and no earlier export made it" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_export_replaces_its_own_folder_and_force_writes_into_another(project, tmp_path):
    out = tmp_path / "export"
    assert export_main(["--config", str(project), "--out", str(out)]) == 0
    assert (out / MARKER).is_file() and (out / "docs" / "notes.json").is_file()
    # A second export into the folder the first made needs no --force.
    assert export_main(["--config", str(project), "--out", str(out)]) == 0
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.md").write_text("my own work", "utf-8")
    assert export_main(["--config", str(project), "--out", str(mine), "--force"]) == 0
    assert (mine / "thesis.md").read_text("utf-8") == "my own work"
    assert (mine / "mkdocs.yml").is_file()
