"""Mermaid diagrams drawn from the copy of Mermaid the site ships, only on pages that have one,
with no request to another host; a diagram Mermaid cannot read keeps its source."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import new_tab
from tests.conftest import ROOT, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DIAGRAMS = (
    "# Diagrams\n\nText.\n\n```mermaid\ngraph LR\n  A[Start] --> B[End]\n```\n\n"
    "A broken one:\n\n```mermaid\nthis is no diagram ][\n```\n"
)
# Material's own integration, as its documentation sets it up, on an ordinary page of docs/.
MATERIAL_PAGE = "# Material\n\n```mermaid\ngraph TD\n  X --> Y\n```\n"
CUSTOM_FENCE = """
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - footnotes
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.mark
  - pymdownx.highlight
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


@pytest.fixture(scope="module")
def diagram_site(chromium: str, serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("diagram-site")
    notes = {"diagrams.md": DIAGRAMS, "plain.md": "# Plain\n\nNo diagram here.\n"}
    config = make_project(tmp, notes, other_docs={"material.md": MATERIAL_PAGE})
    config.write_text(config.read_text("utf-8") + CUSTOM_FENCE, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTESITE_LINK_CHECK": "off"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return serve(tmp / "site")


@pytest.fixture
def diagram_tab(browser, diagram_site: str):
    tab = new_tab(browser, diagram_site)
    yield tab
    tab.page.context.close()


def _mermaid_loaded(tab) -> list[str]:
    return [url for url in tab.requests if url.endswith("/vendor/mermaid.min.js")]


def test_a_diagram_is_drawn_as_svg_from_the_shipped_mermaid_and_a_broken_one_keeps_its_source(diagram_tab):
    page = diagram_tab.open("diagrams/")
    page.wait_for_selector(".ns-diagram svg")
    page.wait_for_selector(".ns-diagram__failed")
    assert page.locator(".ns-diagram svg").count() == 1
    assert "Start" in page.locator(".ns-diagram").inner_text()
    assert "this is no diagram ][" in page.locator(".ns-mermaid").inner_text()
    assert len(_mermaid_loaded(diagram_tab)) == 1
    assert diagram_tab.foreign_requests() == []


def test_a_page_without_a_diagram_does_not_load_mermaid(diagram_tab):
    page = diagram_tab.open("plain/")
    assert page.locator("article").inner_text()
    assert _mermaid_loaded(diagram_tab) == [] and diagram_tab.foreign_requests() == []


def test_materials_own_mermaid_fence_uses_the_shipped_copy_not_a_cdn(diagram_tab):
    page = diagram_tab.open("material/")
    # Material draws into a closed shadow root: the drawing shows as the box's height.
    page.wait_for_function("() => document.querySelector('div.mermaid')?.offsetHeight > 50")
    assert len(_mermaid_loaded(diagram_tab)) == 1
    assert diagram_tab.foreign_requests() == []
    assert diagram_tab.console_errors == []


def test_mermaid_ships_with_its_licence():
    vendor = ROOT / "hooks" / "notesite_mkdocs" / "assets" / "javascripts" / "vendor"
    assert "MIT License" in (vendor / "mermaid.LICENSE").read_text("utf-8")
    assert Path(vendor / "mermaid.min.js").stat().st_size > 1_000_000
