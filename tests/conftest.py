"""Shared fixtures: the repository's paths and real `mkdocs build` runs on temporary docs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.scratch_project import write_config

# Builds in tests must not depend on the shell they run in: these settings come from the tests.
for _name in ("NOTESITE_LINK_CHECK", "NOTESITE_FAIL_ON_BROKEN", "NOTESITE_SITE_URL", "NOTESITE_REPO_URL"):
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "docs" / "notes" / "inference-vs-operator-dev.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Built:
    """The result of one `mkdocs build` run."""

    returncode: int
    log: str
    site: Path
    docs: Path

    def html(self, url: str) -> BeautifulSoup:
        path = self.site / url
        if url.endswith("/") or url in ("", "./"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def make_project(
    tmp: Path, notes: dict[str, str], other_docs: dict[str, str] | None = None, config: dict | None = None
) -> Path:
    """A throwaway project that uses this repository's config, hooks and theme overrides."""
    docs = tmp / "docs"
    (docs / "notes").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    for name, text in notes.items():
        (docs / "notes" / name).write_text(text, encoding="utf-8")
    for name, text in (other_docs or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return write_config(tmp, docs, **(config or {}))


def mkdocs_build(config_file: Path, *args: str) -> Built:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), *args],
        capture_output=True,
        text=True,
        timeout=240,
        env={**_env(), "NO_MKDOCS_2_WARNING": "1"},
    )
    settings = yaml.safe_load(config_file.read_text("utf-8"))
    return Built(
        result.returncode,
        result.stdout + result.stderr,
        Path(settings["site_dir"]),
        Path(settings["docs_dir"]),
    )


def _env() -> dict[str, str]:
    # Builds in tests read the link cache only; tests of live checks set the mode themselves.
    return {"NOTESITE_LINK_CHECK": "cache", **os.environ}


def build_notes(tmp: Path, notes: dict[str, str], *args: str, **kwargs) -> Built:
    return mkdocs_build(make_project(tmp, notes, **kwargs), *args)


def build_repository(site: Path, **env: str) -> Built:
    """The repository's own docs/ and mkdocs.yml, built with --strict into `site`."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={**_env(), "NO_MKDOCS_2_WARNING": "1", **env},
    )
    return Built(result.returncode, result.stdout + result.stderr, site, ROOT / "docs")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project's own docs/, built once with --strict into a temporary folder."""
    return build_repository(tmp_path_factory.mktemp("seed-site") / "site")
