"""Link previews: hovering or keyboard-focusing a link to another page of the site, or a citation,
shows a card with the target's title and first lines, fetched from this site only when asked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import NARROW, WIDE, screenshot
from tests.browser.test_accessibility import _summary, axe_violations
from tests.conftest import SEED, build_notes, seed_path

pytestmark = pytest.mark.browser

CARD = "#ns-preview"


def _fetched_pages(tab) -> list[str]:
    return [url for url in tab.requests if not urlsplit(url).path.startswith(("/assets/", "/search/"))]


def test_hovering_a_link_to_a_section_shows_its_title_and_first_lines(tab) -> None:
    page = tab.open(seed_path())
    before = _fetched_pages(tab)
    link = page.locator('article .ns-cards a[href="section-4/"]')
    link.hover()
    card = page.locator(CARD)
    card.wait_for(state="visible")
    assert card.locator(".ns-preview__title").inner_text() == "四、行业需求与薪资前景"
    assert card.locator(".ns-preview__text").inner_text().strip()
    assert link.get_attribute("aria-describedby") == "ns-preview"
    # Only the linked page was fetched, from this site, and only once hovered.
    fetched = [u for u in _fetched_pages(tab) if u not in before]
    assert [urlsplit(u).path for u in fetched] == [urlsplit(tab.base).path + seed_path("section-4")]
    assert tab.foreign_requests() == []
    page.mouse.move(0, 0)
    card.wait_for(state="hidden")
    assert tab.console_errors == []


def test_a_page_fetches_no_preview_before_a_reader_asks(tab) -> None:
    page = tab.open(seed_path("section-1"))
    page.wait_for_timeout(500)
    own = urlsplit(tab.base).path + seed_path("section-1")
    assert [u for u in _fetched_pages(tab) if urlsplit(u).path != own] == []


def test_keyboard_focus_on_a_citation_shows_its_reference_and_escape_hides_it(tab) -> None:
    page = tab.open(seed_path("section-1"))
    cite = page.locator("article a.ns-cite").first
    cite.focus()  # programmatic focus is not :focus-visible everywhere: Tab onto it as a reader does
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    card = page.locator(CARD)
    card.wait_for(state="visible")
    number = cite.get_attribute("href").rsplit("#ref-", 1)[1]
    reference = page.context.new_page()
    reference.goto(cite.evaluate("a => a.href"))
    title = reference.locator(f"#ref-{number} .ns-ref__title").inner_text()
    reference.close()
    # The entry as a reader reads it, without the back-links.
    shown = card.locator(".ns-preview__text").inner_text()
    assert title in shown and "^" not in shown
    page.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert tab.foreign_requests() == []


def test_a_tap_follows_the_link_and_shows_no_card(browser, site_url) -> None:
    context = browser.new_context(viewport={"width": NARROW, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + seed_path())
    page.locator('article .ns-cards a[href="section-4/"]').tap()
    page.wait_for_url(f"**/{seed_path('section-4')}")
    assert page.locator(CARD).count() == 0 or not page.locator(CARD).is_visible()
    context.close()


@pytest.mark.parametrize(
    ("width", "scheme"), [(WIDE, "light"), (WIDE, "dark"), (NARROW, "light"), (NARROW, "dark")]
)
def test_the_card_fits_the_screen_and_has_no_accessibility_violations(
    tabs, axe_script, width, scheme
) -> None:
    tab = tabs(width, scheme)
    page = tab.open(seed_path())
    link = page.locator('article .ns-cards a[href="section-2/"]')
    link.hover()
    card = page.locator(CARD)
    card.wait_for(state="visible")
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # The card itself (the hovered link wears Material's hover colour, which is the theme's).
    axe_violations(page, axe_script)  # loads axe
    result = page.evaluate("() => axe.run('#ns-preview', {resultTypes: ['violations']})")
    assert not result["violations"], _summary(result["violations"])
    screenshot(page, f"preview-{width}-{scheme}")


@pytest.mark.slow
def test_previews_false_leaves_the_script_out(tmp_path) -> None:
    built = build_notes(
        tmp_path, {SEED.name: SEED.read_text("utf-8")}, config={"plugins": {"notesite": {"previews": False}}}
    )
    assert built.returncode == 0, built.log
    html = (built.site / seed_path() / "index.html").read_text("utf-8")
    assert "previews.js" not in html
