"""Shared fixtures: the repository's paths and real `mkdocs build` runs on temporary projects.

Every build here is of a scratch project holding notes the tests own (tests/fixtures/...), never
of the repository's docs/notes/, which is the user's: adding a note there must not break a test.
Only tests/test_repository_docs.py builds the real docs/, and asserts nothing about any one note.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.scratch_project import SITE_FILES, site_docs, write_config

# Builds in tests must not depend on the shell they run in: these settings come from the tests.
for _name in ("NOTESITE_LINK_CHECK", "NOTESITE_FAIL_ON_BROKEN", "NOTESITE_SITE_URL", "NOTESITE_REPO_URL"):
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The demo note, frozen: byte for byte the seed docs/notes/ started with.
SEED = FIXTURES / "seed" / "inference-vs-operator-dev.md"

# Where the seed's pages are published, below the site root, in notes.json's form. Every test
# names a seed page through `seed_url`, so a change of URL layout is a change here alone.
SEED_FOLDER = "inference-vs-operator-dev/"
# A lone note's overview is the home page today; with an overview in the note's folder this
# becomes SEED_FOLDER.
SEED_OVERVIEW = SEED_FOLDER


def seed_url(page: str = "") -> str:
    """The seed's page `page` ("section-1", "comparisons", ...; "" for its overview)."""
    return f"{SEED_FOLDER}{page.strip('/')}/" if page else SEED_OVERVIEW


def seed_path(page: str = "") -> str:
    """The seed's page `page` as a path below the site root for a browser or HTTP client."""
    return seed_url(page).removeprefix("./")


def resolve(page: str, href: str) -> str:
    """Where a link `href` on the page at `page` leads, in notes.json's form ("./" for the root),
    with its fragment."""
    url = urljoin("https://site/" + page.removeprefix("./"), href).removeprefix("https://site/")
    path, hash_mark, fragment = url.partition("#")
    return (path or "./") + hash_mark + fragment


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


def split_all(config: dict) -> dict:
    """`config` with every note split by its sections, as the tests of section pages expect; a
    test of page size sets `split_threshold` itself (layout/page_size.py)."""
    plugins = dict(config.get("plugins") or {})
    plugins["notesite"] = {"split_threshold": 0, **(plugins.get("notesite") or {})}
    return {**config, "plugins": plugins}


def make_project(
    tmp: Path,
    notes: dict[str, str],
    other_docs: dict[str, str] | None = None,
    config: dict | None = None,
    site_files: tuple[str, ...] = (),
) -> Path:
    """A throwaway project of `notes` that uses this repository's config, hooks and theme."""
    docs = site_docs(tmp, notes, site_files)
    for name, text in (other_docs or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return write_config(tmp, docs, **split_all(config or {}))


def mkdocs_build(config_file: Path, *args: str, env: dict[str, str] | None = None) -> Built:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), *args],
        capture_output=True,
        text=True,
        timeout=240,
        env={**_env(), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
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
    # The plugin is imported from this checkout's hooks/, ahead of any editable install of
    # another checkout (a shared venv's points at one of them).
    path = os.pathsep.join(filter(None, [str(ROOT / "hooks"), os.environ.get("PYTHONPATH")]))
    return {"NOTESITE_LINK_CHECK": "cache", **os.environ, "PYTHONPATH": path}


def build_notes(
    tmp: Path, notes: dict[str, str], *args: str, env: dict[str, str] | None = None, **kwargs
) -> Built:
    return mkdocs_build(make_project(tmp, notes, **kwargs), *args, env=env)


def build_seed(tmp: Path, *args: str, env: dict[str, str] | None = None) -> Built:
    """The seed note beside the site's own pages (the contributor guide), built with --strict."""
    notes = {SEED.name: SEED.read_text("utf-8")}
    return build_notes(tmp, notes, "--strict", *args, env=env, site_files=SITE_FILES)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write what the golden cases (tests/golden/) generate as their expected files",
    )


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seed site, built once with --strict into a temporary project."""
    return build_seed(tmp_path_factory.mktemp("seed-site"))
