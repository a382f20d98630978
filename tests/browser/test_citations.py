"""Inline citations: a tooltip with the reference's title, a jump to it, a way back."""

from __future__ import annotations

import pytest

from tests.conftest import seed_path

pytestmark = pytest.mark.browser

CITING_PAGE = seed_path("section-1")  # the seed note first cites [1] in section 1.1


def _in_viewport(page, selector: str) -> bool:
    """Whole element on screen and below the fixed header, as a reader would see it."""
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return box.height > 0 && box.top >= header - 1 && box.top < innerHeight;
        }""",
        selector,
    )


def test_citation_shows_the_title_jumps_to_the_reference_and_back(tab, notes_index: dict) -> None:
    reference = next(r for r in notes_index["references"] if r["number"] == 1)
    page = tab.open(CITING_PAGE)
    cite = page.locator("a.ns-cite#cite-1")
    assert cite.inner_text().strip() == "1"

    # Hover: Material's content.tooltips turns the title into a tooltip the reader sees.
    cite.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible")
    assert reference["title"] in tooltip.inner_text()
    # It fades in: wait until it is fully shown.
    page.wait_for_function("getComputedStyle(document.querySelector('.md-tooltip2--active')).opacity === '1'")
    page.mouse.move(0, 0)

    # Click: the bibliography, scrolled to the entry.
    cite.click()
    page.wait_for_url(f"{tab.base}{seed_path('references')}#ref-1")
    entry = page.locator("#ref-1")
    assert reference["title"] in entry.inner_text()
    assert _in_viewport(page, "#ref-1")

    # Back-link: to the citing place.
    entry.locator("a.ns-backlink").first.click()
    page.wait_for_url(f"{tab.base}{CITING_PAGE}#cite-1")
    assert _in_viewport(page, "#cite-1")
    assert tab.console_errors == []


@pytest.mark.parametrize("path", [CITING_PAGE, seed_path("comparisons")])
def test_every_citation_on_a_page_links_to_its_reference(tab, path: str) -> None:
    page = tab.open(path)
    cites = page.locator("article a.ns-cite").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), a.hash, a.pathname])"
    )
    assert cites
    for number, anchor, path in cites:
        assert anchor == f"#ref-{number}"
        assert path.endswith("/" + seed_path("references"))
