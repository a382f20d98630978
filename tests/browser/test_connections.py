"""The connections view in a browser, on the four-note vault: a note's neighbours are visible
without a script, each a link a keyboard reaches, the lines and legend drawn, at 1280 and 375 px,
light and dark, and in print; the vault graph's folders lead to their rows. (Screenshots, page
width, console errors and axe-core for both pages: test_knowledge_base.py, whose PAGES hold them.)"""

from __future__ import annotations

import pytest

from tests.browser.conftest import NARROW, SCREENSHOTS, WIDE, screenshot
from tests.browser.test_accessibility import _blocking, _summary, axe_violations
from tests.browser.test_knowledge_base import kb_tabs, kb_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

NOTE = "java/jvm-gc/"
VIEWS = [(WIDE, "light"), (WIDE, "dark"), (NARROW, "light"), (NARROW, "dark")]


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{s}-{w}" for w, s in VIEWS])
def test_neighbours_are_visible_links_inside_the_screen(kb_tabs, axe_script, width: int, scheme: str):  # noqa: F811
    tab = kb_tabs(width, scheme)
    page = tab.open(NOTE)
    view = page.locator("section.ns-connections")
    view.scroll_into_view_if_needed()
    screenshot(page, f"connections-{scheme}-{width}")
    view.screenshot(path=str(SCREENSHOTS / f"connections-view-{scheme}-{width}.png"))
    links = view.locator(".ns-graph__ties a")
    assert links.count() == 2
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= width
    # The lines are drawn (a border the width of a few characters), and the legend names them.
    edge = view.locator(".ns-graph__ties .ns-graph__edge").first.bounding_box()
    assert edge and edge["width"] > 10
    assert view.locator(".ns-graph__legend li").all_inner_texts() == ["它链接到本笔记", "相互链接"]
    assert tab.console_errors == []
    blocking = _blocking(axe_violations(page, axe_script))
    assert not blocking, _summary(blocking)


def test_a_keyboard_reaches_each_neighbour_and_follows_it(kb_tabs):  # noqa: F811
    page = kb_tabs().open(NOTE)
    first = page.locator(".ns-graph__ties a").first
    first.focus()
    assert page.evaluate("document.activeElement.closest('.ns-connections') !== null")
    label = first.get_attribute("aria-label")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().rstrip("¶") == label.split(" — ")[0]


def test_the_view_prints_and_needs_no_script(browser, kb_url):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(kb_url + NOTE)
        page.emulate_media(media="print")
        assert page.locator(".ns-graph__ties a").first.is_visible()
        assert page.locator(".ns-graph__legend").is_visible()
    finally:
        context.close()


def test_each_folder_of_the_vault_graph_leads_to_its_row(kb_tabs):  # noqa: F811
    page = kb_tabs().open("vault-graph/")
    nodes = page.locator(".ns-vault-graph svg a")
    assert nodes.count() == 3
    nodes.first.click()
    assert page.evaluate("location.hash") == "#ns-folder-0"
    assert page.locator("#ns-folder-0 th").inner_text() == "数据库"
