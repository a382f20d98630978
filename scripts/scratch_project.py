"""A throwaway MkDocs project that builds with this repository's config, hooks and theme.

Tests and benchmarks build and serve such copies in temporary folders, so nothing ever writes
into the repository's docs/. Tests give the project notes of their own (`site_docs`): what a user
keeps in docs/notes/ is theirs, and no test may depend on it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
# The site's own files under docs/ that are not notes: the contributor guide (the generated pages'
# styles and scripts come with the plugin).
SITE_FILES = ("contributing.md",)


def site_docs(root: Path, notes: Mapping[str, str], site_files: Iterable[str] = ()) -> Path:
    """root/docs holding `notes` (file name → text) under notes/ and copies of `site_files`
    (names from SITE_FILES), never the repository's own notes."""
    docs = root / "docs"
    (docs / "notes").mkdir(parents=True)
    for name in site_files:
        source = REPO / "docs" / name
        if source.is_dir():
            shutil.copytree(source, docs / name)
        else:
            shutil.copyfile(source, docs / name)
    for name, text in notes.items():
        (docs / "notes" / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / "notes" / name).write_text(text, encoding="utf-8")
    return docs


def copy_docs(root: Path) -> Path:
    """The repository's docs/ copied to root/docs, every file writable."""
    docs = root / "docs"
    shutil.copytree(REPO / "docs", docs)
    for path in docs.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
    return docs


def write_config(root: Path, docs: Path, *, plugin: bool = True, **overrides: Any) -> Path:
    """root/mkdocs.yml: the repository's config, inherited, pointed at `docs` and root/site.

    `plugin=False` leaves the notesite plugin out (plain Material). `plugins` in `overrides`
    maps `notesite` to its options. MkDocs' INHERIT replaces a list of plugins as a whole, so the
    list is written out here (link checks follow NOTESITE_LINK_CHECK in the environment).
    """
    options = dict(overrides.pop("plugins", {}).get("notesite") or {})
    plugins: list[Any] = ["search", "tags", *([{"notesite": options}] if plugin else [])]
    settings = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        **overrides,
        "plugins": plugins,
    }
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return config
