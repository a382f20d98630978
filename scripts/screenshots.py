"""Screenshots of what a reader sees, at 1280 and 375 px, light and dark, for a person to look at.

    .venv/bin/python scripts/screenshots.py OUT     # OUT: a folder (default: a new temp folder)

Builds a project of its own in a temporary folder (the seed note, which has comparisons, a
timeline and a bibliography and is split into pages; the knowledge-base fixture's short notes,
which link to each other and are one page each), offline, serves it on 127.0.0.1 and drives
Debian's Chromium with Playwright. Prints each PNG's path and what it shows. Views that do not
exist in this build (the connections view, the vault graph) are skipped with a note. Never writes
into docs/. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]

from scripts.bench_search import served  # noqa: E402
from scripts.scratch_project import site_docs, write_config  # noqa: E402
from scripts.search_box import type_query  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "inference-vs-operator-dev.md"
KB = FIXTURES / "kb"
LONG = "inference-vs-operator-dev/"  # the seed's pages
SHORT = "数据库/事务/"  # a one-page note of the knowledge base
CONNECTED = "后端/go-vs-java/"  # a note of the knowledge base linked both ways with two others
SIZES = {1280: 900, 375: 812}  # width → height of the window
SCHEMES = ("light", "dark")


def build(root: Path) -> Path:
    """The project's site folder, built offline with the author's link report on."""
    notes = {SEED.name: SEED.read_text("utf-8")}
    notes |= {path.relative_to(KB).as_posix(): path.read_text("utf-8") for path in KB.rglob("*.md")}
    config = write_config(root, site_docs(root, notes), plugins={"notesite": {"link_report": True}})
    env = {**os.environ, "NOTESITE_LINK_CHECK": "cache"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"the build failed:\n{done.stderr}")
    return root / "site"


# A view: (name, what it shows, action on the page → False when there is nothing to show).
View = tuple[str, str, Callable[[Any, str], bool]]


def _open(path: str) -> Callable[[Any, str], bool]:
    def show(page: Any, base: str) -> bool:
        return bool(page.goto(base + path, wait_until="networkidle").ok)

    return show


def _search(page: Any, base: str) -> bool:
    page.goto(base, wait_until="networkidle")
    opener = page.locator('label.md-header__button[for="__search"]')
    if opener.is_visible():  # a phone: the search box opens from the header's button
        opener.click()
        page.wait_for_timeout(400)  # its slide-in
    return type_query(page, "推理优化")


def _preview(page: Any, base: str) -> bool:
    page.goto(base + LONG, wait_until="networkidle")
    link = page.locator('article .ns-cards a[href="section-4/"]')
    link.scroll_into_view_if_needed()
    link.hover()
    page.locator("#ns-preview").wait_for(state="visible", timeout=5000)
    return True


def _scrolled(path: str, selector: str) -> Callable[[Any, str], bool]:
    """The page at `path` scrolled to just above the first `selector` (False when it has none)."""

    def show(page: Any, base: str) -> bool:
        page.goto(base + path, wait_until="networkidle")
        found = page.locator(selector)
        if found.count() == 0:
            return False
        # One scroll down, keeping a little of what comes before: scrolling back up would call
        # Material's back-to-top button over the text.
        found.first.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 160)")
        return True

    return show


def _graph(page: Any, base: str) -> bool:
    response = page.goto(base + "vault-graph/", wait_until="networkidle")
    return bool(response and response.ok)


VIEWS: list[View] = [
    ("search", "Material's search box with results for 推理优化 (home page behind)", _search),
    ("preview", "a link preview card over the long note's overview (hovering section 4's card)", _preview),
    ("bibliography", "the long note's bibliography", _open(LONG + "references/")),
    ("short-note", "a short note published on one page, with its review card", _open(SHORT)),
    ("long-overview", "the long note's overview: title, review card, lead, cards of its pages", _open(LONG)),
    (
        "long-section",
        "a section page of the long note (四、行业需求与薪资前景), top",
        _open(LONG + "section-4/"),
    ),
    (
        "section-chart",
        "the salary chart after the author's list, its table behind a summary",
        _scrolled(LONG + "section-4/", "article .ns-derived figure.ns-range-chart"),
    ),
    ("timeline", "the long note's timeline page", _open(LONG + "timeline/")),
    (
        "connections",
        "the connections view on a knowledge-base note's overview (.ns-connections)",
        _scrolled(CONNECTED, ".ns-connections"),
    ),
    ("graph", "the whole-vault graph page (vault-graph/)", _graph),
    ("link-report", "the author's link report (offline, so nothing checked)", _open("link-report/")),
]


def dark(page: Any) -> None:
    """Material follows the browser's dark preference; make sure the page wears slate."""
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")


def shoot(site: Path, out: Path) -> list[tuple[Path, str]]:
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        sys.exit("Chromium not found: apt-get install chromium")
    written: list[tuple[Path, str]] = []
    skipped: set[str] = set()
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for width, height in SIZES.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme, locale="zh-CN"
                )
                # Nothing leaves 127.0.0.1, as for readers in a closed network.
                context.route(lambda url: "://127.0.0.1:" not in url, lambda route: route.abort())
                page = context.new_page()
                for name, what, show in VIEWS:
                    if name in skipped:
                        continue
                    if not show(page, base):
                        skipped.add(name)
                        print(f"skipped {name}: not in this build ({what})", file=sys.stderr)
                        continue
                    if scheme == "dark":
                        dark(page)
                    page.wait_for_timeout(700)  # the header's title and back-to-top button settle
                    path = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(path))
                    written.append((path, f"{what}; {width} px, {scheme}"))
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder for the PNGs (default: a new temp folder)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="notesite-")) / "screenshots"
    if (REPO / "docs") in [out.resolve(), *out.resolve().parents]:
        parser.error("the screenshots never go into docs/")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="notesite-screenshots-") as scratch:
        for path, what in shoot(build(Path(scratch)), out):
            print(f"{path} → {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
