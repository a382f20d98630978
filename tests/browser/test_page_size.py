"""A short note is one page whose section anchors work, and a note that grew past the threshold
keeps its old anchor addresses: the overview sends each to the page that now holds it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.browser.conftest import new_tab
from tests.conftest import build_notes

pytestmark = pytest.mark.browser

SHORT = (
    "# 布隆过滤器\n\n简介。\n\n## 1. 原理\n\n哈希到位数组。\n\n"
    "### 1.1 误判\n\n越满越高。\n\n## 2. 用途\n\n缓存穿透。\n"
)


@pytest.fixture(scope="module")
def sized_url(chromium: str, serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same short note twice: as written (one page), and grown past its own threshold."""
    notes = {"short.md": SHORT, "grown.md": "---\nsplit: true\n---\n" + SHORT}
    # The default threshold: what this test is about (other tests split every note).
    config = {"plugins": {"notesite": {"split_threshold": 5000}}}
    built = build_notes(tmp_path_factory.mktemp("page-size"), notes, "--strict", config=config)
    assert built.returncode == 0, built.log
    assert not (built.site / "short" / "section-1").exists()
    assert (Path(built.site) / "grown" / "section-1" / "index.html").exists()
    return serve(built.site)


def _path_and_hash(page) -> tuple[str, str]:
    return page.evaluate("[location.pathname, decodeURIComponent(location.hash)]")


def test_a_short_notes_sections_are_anchors_on_its_one_page(browser, sized_url: str) -> None:
    tab = new_tab(browser, sized_url)
    page = tab.open("short/#2-用途")
    assert page.locator("article h2[id='2-用途']").is_visible()
    assert _path_and_hash(page) == ["/short/", "#2-用途"]
    assert tab.console_errors == []
    tab.page.context.close()


@pytest.mark.parametrize(
    ("anchor", "lands"),
    [("2-用途", ["/grown/section-2/", ""]), ("11-误判", ["/grown/section-1/", "#11-误判"])],
)
def test_an_old_anchor_of_a_grown_note_leads_to_its_new_page(
    browser, sized_url: str, anchor: str, lands: list[str]
) -> None:
    tab = new_tab(browser, sized_url)
    page = tab.page
    page.goto(f"{sized_url}grown/#{anchor}")
    page.wait_for_url(lambda url: "/section-" in url)
    page.wait_for_load_state("load")
    assert _path_and_hash(page) == lands
    heading = unquote(lands[1].lstrip("#"))
    assert page.locator(f"article [id='{heading}']" if heading else "article h1").first.is_visible()
    assert tab.console_errors == [] and tab.foreign_requests() == []
    tab.page.context.close()
