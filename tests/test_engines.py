"""The site on other engines: ProperDocs runs the plugin as MkDocs does; `notesite export` gives
Zensical (and a plain MkDocs) a docs folder that publishes the same pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.scratch_project import SITE_FILES, site_docs, write_config
from tests.conftest import ROOT, SEED, mkdocs_build

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NOTESITE_LINK_CHECK": "cache", "NO_MKDOCS_2_WARNING": "1"}


def pages(site: Path) -> dict[str, list[str]]:
    """Each HTML file of a built site → the text of its <h1>s."""
    return {
        path.relative_to(site).as_posix(): [
            h1.get_text(" ", strip=True).removesuffix("¶").strip()
            for h1 in BeautifulSoup(path.read_text("utf-8"), "html.parser").select("article h1")
        ]
        for path in sorted(site.rglob("*.html"))
    }


def seed_project(root: Path) -> Path:
    return write_config(root, site_docs(root, {SEED.name: SEED.read_text("utf-8")}, SITE_FILES))


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory) -> Path:
    built = mkdocs_build(seed_project(tmp_path_factory.mktemp("mkdocs")), "--strict")
    assert built.returncode == 0, built.log
    return built.site


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    config = seed_project(tmp_path_factory.mktemp("project"))
    run(BIN / "notesite", "export", "--config", config, "--out", out)
    return out


@pytest.mark.slow
def test_properdocs_builds_the_pages_mkdocs_builds(tmp_path, mkdocs_site):
    config = seed_project(tmp_path)
    run(sys.executable, "-m", "properdocs", "build", "--strict", "-f", config, "-d", tmp_path / "pd")
    assert pages(tmp_path / "pd") == pages(mkdocs_site)


@pytest.mark.slow
def test_export_holds_no_hook_or_plugin(exported):
    config = yaml.load((exported / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert "hooks" not in config and "notesite" not in config["plugins"]
    assert (exported / "docs" / "notes.json").is_file()
    # The plugin's styles and script, listed and copied, for an engine that runs no plugin.
    assert "assets/notesite/compare.css" in config["extra_css"]
    assert (exported / "docs" / "assets" / "notesite" / "compare.css").is_file()
    assert not (exported / "docs" / "notes").exists()


@pytest.mark.slow
def test_plain_mkdocs_builds_the_export_into_the_plugins_pages(exported, mkdocs_site):
    run(sys.executable, "-m", "mkdocs", "build", "--strict", "-d", exported / "mk", cwd=exported)
    assert pages(exported / "mk") == pages(mkdocs_site)


@pytest.mark.slow
def test_zensical_builds_the_export_into_the_plugins_pages(exported, mkdocs_site):
    run(BIN / "zensical", "build", cwd=exported)
    assert pages(exported / "site") == pages(mkdocs_site)


@pytest.mark.slow
def test_zensical_bibliography_has_each_reference_id_and_sections_cite_it(exported):
    run(BIN / "zensical", "build", cwd=exported)
    folder = exported / "site" / SEED.stem
    bibliography = BeautifulSoup((folder / "references" / "index.html").read_text("utf-8"), "html.parser")
    assert [tag["id"] for tag in bibliography.select("[id^=ref-]")] == [f"ref-{n}" for n in range(1, 6)]
    section = BeautifulSoup((folder / "section-1" / "index.html").read_text("utf-8"), "html.parser")
    assert section.select_one("article p a.ns-cite")["href"] == "../references/#ref-1"


@pytest.mark.slow
def test_a_fresh_virtualenv_installs_the_checkout_and_builds_a_site_with_the_plugin(tmp_path):
    run(sys.executable, "-m", "venv", tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", ROOT)
    site = tmp_path / "site"
    (site / "docs" / "notes").mkdir(parents=True)
    # `split: true`: a note this short is otherwise one page (layout/page_size.py).
    note = "---\nsplit: true\n---\n# N\n\n## One\n\na\n\n## Two\n\nb\n"
    (site / "docs" / "notes" / "n.md").write_text(note, "utf-8")
    (site / "mkdocs.yml").write_text("site_name: S\ntheme: material\nplugins: [search, notesite]\n")
    run(python, "-m", "mkdocs", "build", "--strict", cwd=site)
    assert (site / "site" / "n" / "one" / "index.html").is_file()
    assert (site / "site" / "n" / "two" / "index.html").is_file()
