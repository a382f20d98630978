"""The knowledge base in a browser: the four-note vault's home, review dashboard, tag pages and
backlinks, light and dark, wide and at 375 px; axe-core finds nothing serious; screenshots kept;
our review script recomputes "due" against the reader's today."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.browser.conftest import NARROW, WIDE, new_tab, screenshot
from tests.browser.test_accessibility import _blocking, _summary, axe_violations
from tests.knowledge_vault import build_kb

pytestmark = pytest.mark.browser

# The new pages, by name (for screenshots) and path below the site root.
PAGES = {
    "home": "",
    "review": "review/",
    "tags": "tags/",
    "graph": "vault-graph/",
    "tag": "tags/后端/java/",
    "overview-backlinks": "后端/go-vs-java/",
    "section-backlinks": "java/jvm-gc/section-1/",
}
VIEWS = [(WIDE, "light"), (WIDE, "dark"), (NARROW, "light"), (NARROW, "dark")]


@pytest.fixture(scope="module")
def kb_url(chromium: str, serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    built = build_kb(tmp_path_factory.mktemp("kb-browser"))
    assert built.returncode == 0, built.log
    return serve(built.site)


@pytest.fixture(scope="module")
def kb_tabs(browser, kb_url: str):
    opened = {}

    def get(width: int = WIDE, scheme: str = "light"):
        if (width, scheme) not in opened:
            opened[width, scheme] = new_tab(browser, kb_url, width, scheme)
        return opened[width, scheme]

    yield get
    for tab in opened.values():
        tab.page.context.close()


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{s}-{w}" for w, s in VIEWS])
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_fits_and_is_saved_as_a_screenshot(kb_tabs, name: str, width: int, scheme: str):
    tab = kb_tabs(width, scheme)
    page = tab.open(PAGES[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, f"kb-{name}-{scheme}-{width}")
    assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
    assert tab.console_errors == [] and tab.foreign_requests() == []


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{s}-{w}" for w, s in VIEWS])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(kb_tabs, axe_script, name: str, width: int, scheme: str):
    page = kb_tabs(width, scheme).open(PAGES[name])
    blocking = _blocking(axe_violations(page, axe_script))
    assert not blocking, f"{name}:\n{_summary(blocking)}"


def test_review_script_recomputes_due_against_todays_date(browser, kb_url: str):
    tab = new_tab(browser, kb_url)
    try:
        tab.page.clock.set_fixed_time(datetime(2026, 11, 30, 9, 0))
        page = tab.open("review/")
        badge = page.locator('tr[data-due="2026-11-28"] .ns-due')
        assert badge.inner_text() == "已逾期 2 天"
        assert "2026-11-30" in page.locator(".ns-built").inner_text()
        home = tab.open("")
        assert home.locator(".ns-home-due strong").inner_text() == "3 篇笔记待复习"
    finally:
        tab.page.context.close()


def test_without_script_the_dashboard_shows_the_build_dates_verdict(browser, kb_url: str):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(kb_url + "review/")
        assert page.locator('tr[data-due="2026-11-28"] .ns-due').inner_text() == "4 天后"
    finally:
        context.close()


def test_home_search_box_opens_the_sites_search_with_the_query(kb_tabs):
    page = kb_tabs().open("")
    page.fill("#ns-home-q", "索引")
    page.press("#ns-home-q", "Enter")
    page.wait_for_url("**/?q=*")
    assert page.locator("input.md-search__input").input_value() == "索引"


def test_tag_chip_leads_to_the_tag_page(kb_tabs):
    page = kb_tabs().open("后端/go-vs-java/")
    page.locator("nav.ns-tags a", has_text="后端/java").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().rstrip("¶") == "标签：后端/java"


def test_print_hides_the_search_box_and_keeps_the_tables(kb_tabs):
    page = kb_tabs().open("")
    page.emulate_media(media="print")
    try:
        assert not page.locator("form.ns-home-search").is_visible()
        review = kb_tabs().open("review/")
        assert review.locator("table.ns-review-table").first.is_visible()
    finally:
        page.emulate_media(media="screen")
