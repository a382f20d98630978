"""A note file named like a script (`"><img src=x onerror=alert('XSS1')>.md`) runs nothing in a
reader's browser: not on its pages, not on a page opened from a search result (issue 20)."""

from __future__ import annotations

import pytest

from scripts.search_box import type_query
from tests.browser.conftest import new_tab
from tests.conftest import build_notes
from tests.test_hostile_names import REPO, hostile_notes

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_tab(browser, serve, tmp_path_factory):
    built = build_notes(tmp_path_factory.mktemp("hostile-names"), hostile_notes(), config=REPO)
    assert built.returncode == 0, built.log
    tab = new_tab(browser, serve(built.site))
    dialogs: list[str] = []
    # A dialog is the proof a script ran; dismissed so the page goes on.
    tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(p.relative_to(built.site).parent.as_posix() + "/" for p in built.site.rglob("index.html"))
    yield tab, dialogs, pages
    tab.page.context.close()


def test_no_page_of_the_site_opens_a_dialog(hostile_tab):
    tab, dialogs, pages = hostile_tab
    for path in pages:
        page = tab.open("" if path == "./" else path)
        page.wait_for_timeout(100)  # an image's onerror fires after load
    assert dialogs == []


def test_no_page_opened_from_a_search_result_opens_a_dialog(hostile_tab):
    tab, dialogs, _ = hostile_tab
    page = tab.open()
    assert type_query(page, "zebrafish"), "no search results after 15 s"
    results = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    assert len(results) >= 3, results
    for href in results:
        page.goto(href, wait_until="load")
        page.wait_for_timeout(100)
    assert dialogs == []
    assert tab.console_errors == []
