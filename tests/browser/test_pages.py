"""Every kind of page, light and dark, wide and narrow: loads cleanly, stays local, fits a phone.

Each case also saves a full-page screenshot under test-output/screenshots/ to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import NARROW, PAGE_KINDS, WIDE, screenshot
from tests.conftest import SEED_FOLDER

pytestmark = pytest.mark.browser

VIEWS = [(width, scheme) for scheme in ("light", "dark") for width in (WIDE, NARROW)]


def _check_loaded(tab, name: str) -> None:
    page = tab.page
    if name.endswith(f"light-{WIDE}"):
        # Requests do not depend on the view: once per page, wait for late ones (the search index).
        page.wait_for_load_state("networkidle")
    expected = "slate" if name.split("-")[-2] == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert tab.console_errors == [], f"{name}: console errors"
    assert tab.foreign_requests() == [], f"{name}: requests left {tab.base}"
    screenshot(page, name)
    scroll = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert scroll[0] <= scroll[1], f"{name}: the page scrolls sideways ({scroll[0]}px > {scroll[1]}px)"


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{s}-{w}" for w, s in VIEWS])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_loads_locally_without_errors_and_fits(tabs, kind: str, width: int, scheme: str) -> None:
    tab = tabs(width, scheme)
    tab.open(PAGE_KINDS[kind])
    assert tab.page.locator("article h1").first.is_visible()
    _check_loaded(tab, f"{kind}-{scheme}-{width}")


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{s}-{w}" for w, s in VIEWS])
def test_multi_note_home_loads_and_lists_every_note(
    tabs, multi_site_url: str, width: int, scheme: str
) -> None:
    tab = tabs(width, scheme, base=multi_site_url)
    page = tab.open()
    links = page.locator("article a").evaluate_all("links => links.map(a => a.pathname)")
    assert any(link.startswith("/" + SEED_FOLDER) for link in links)
    assert any(link.startswith("/three-subjects/") for link in links)
    _check_loaded(tab, f"home-{scheme}-{width}")
