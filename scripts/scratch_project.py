"""A throwaway MkDocs project that builds with this repository's config, hooks and theme.

Tests and benchmarks build and serve such copies in temporary folders, so nothing ever writes
into the repository's docs/.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent


def copy_docs(root: Path) -> Path:
    """The repository's docs/ copied to root/docs, every file writable."""
    docs = root / "docs"
    shutil.copytree(REPO / "docs", docs)
    for path in docs.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
    return docs


def write_config(root: Path, docs: Path, *, hook: bool = True, **overrides: Any) -> Path:
    """root/mkdocs.yml: the repository's config, inherited, pointed at `docs` and root/site."""
    settings = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "hooks": [str(REPO / "hooks" / "notes_hook.py")] if hook else [],
        "theme": {"name": "material", "custom_dir": str(REPO / "overrides")},
        **overrides,
    }
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return config
