"""Typing a query into Material's search box in a real browser, as a reader does: shared by the
browser tests and scripts/bench_search.py."""

from __future__ import annotations


def type_query(page, query: str, attempts: int = 30) -> bool:
    """Type `query`; True once results are listed, False after `attempts` half-second waits.

    Material reads the query on keyup (as an input method's last key does), not on `input`; a
    query typed before the search index is loaded finds nothing, so press again until it does.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    for _ in range(attempts):
        box.press("End")
        try:
            page.wait_for_function(
                "() => document.querySelector('.md-search-result__list')?.children.length > 0", timeout=500
            )
            return True
        except PlaywrightTimeout:
            continue
    return False
