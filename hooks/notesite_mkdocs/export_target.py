"""Where `notesite export` may write: never over the notes or the files the export reads.

An export replaces OUT/docs and OUT/overrides and writes OUT/mkdocs.yml, so OUT must not be the
project, its docs folder (or inside it: the next build would publish the export), a folder holding
the config or the theme's overrides, or a folder of the user's that the export did not create. A
marker file names the folders an export made; `--force` allows a foreign non-empty folder, never
the sources.
"""

from __future__ import annotations

from pathlib import Path

MARKER = ".notesite-export"


class ExportRefused(Exception):
    """OUT is a place the export must not write to; nothing has been written."""


def check_target(out: Path, docs_dir: Path, config_dir: Path, theme_dir: Path | None, force: bool) -> None:
    """Raise ExportRefused, naming why, unless the export may write into `out`.

    OUT may lie inside the config's folder (an `export/` folder in the project) but not hold it;
    it may neither hold nor lie inside the docs folder or the theme's overrides.
    """
    target = out.resolve()
    sealed = [docs_dir.resolve(), *([theme_dir.resolve()] if theme_dir else [])]
    for source in sealed:
        if target == source or source in target.parents:
            raise ExportRefused(
                f"{out} is inside {source}, which the export reads and the next build publishes"
            )
    for source in [*sealed, config_dir.resolve()]:
        if target == source or target in source.parents:
            raise ExportRefused(
                f"{out} is or holds {source}, which the export reads: its docs/, mkdocs.yml or overrides/ "
                "would be replaced"
            )
    if force or not target.exists():
        return
    if not target.is_dir():
        raise ExportRefused(f"{out} is a file, not a folder")
    if any(target.iterdir()) and not (target / MARKER).is_file():
        raise ExportRefused(
            f"{out} is not empty and no earlier export made it: choose a new or empty folder, "
            "or pass --force to write into it all the same"
        )


def mark(out: Path) -> None:
    """Name `out` as made by an export, so a later export may replace what it holds."""
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Written by `notesite export`; a later export replaces this folder's docs/.\n")
