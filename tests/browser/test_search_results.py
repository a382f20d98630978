"""Search results as a reader reads them: one entry per page with its own title and an excerpt of
that page's text around the match, never the review card; a note's pages together; site pages
(home, tags, review) after the notes.

The site is the seed and the search fixture notes (tests/fixtures/search/notes/).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from scripts.search_box import type_query
from tests.conftest import FIXTURES, SEED, build_notes

pytestmark = pytest.mark.browser

QUERIES = ["推理优化", "索引失效", "线程池", "薪资", "TensorRT"]
# Words of the review card (created, last and next review, mastery): never in an excerpt.
REVIEW_CARD = ("上次复习", "下次复习", "掌握程度", "复习次数")
SITE_PAGES = ("", "review/", "tags/")


@pytest.fixture(scope="module")
def results_tab(browser, serve, tmp_path_factory):
    from tests.browser.conftest import new_tab

    folder = FIXTURES / "search" / "notes"
    notes = {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*.md")}
    built = build_notes(
        tmp_path_factory.mktemp("results-site"), {SEED.name: SEED.read_text("utf-8"), **notes}
    )
    assert built.returncode == 0, built.log
    tab = new_tab(browser, serve(built.site))
    yield tab
    tab.page.context.close()


def _results(tab, query: str) -> list[dict]:
    page = tab.open()
    assert type_query(page, query), f"{query!r}: no results"
    return page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(item => ({
            href: item.querySelector('a').href,
            title: item.querySelector('.ns-result__title')?.innerText ?? '',
            note: item.querySelector('.ns-result__note')?.textContent ?? '',
            marked: [...item.querySelectorAll('h1 mark')]
                .map(m => m.closest('.ns-result__note') ? 'note' : 'title'),
            excerpt: item.querySelector('.ns-result__excerpt')?.innerText ?? '',
        }))"""
    )


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("query", QUERIES)
def test_every_result_has_an_excerpt_from_its_own_page(results_tab, query: str) -> None:
    results = _results(results_tab, query)
    assert results
    page_text: dict[str, str] = {}
    for result in results:
        assert result["title"].strip(), result
        assert result["excerpt"].strip("… "), f"{query!r}: {result['href']} has no excerpt"
        assert not any(word in result["excerpt"] for word in REVIEW_CARD), result
        assert "note" not in result["marked"], f"the note's name is not highlighted: {result}"
        url = result["href"].split("?", 1)[0]
        if url not in page_text:
            shown = results_tab.page.context.new_page()
            shown.goto(url)
            page_text[url] = _squeezed(shown.locator("article.md-content__inner").inner_text())
            shown.close()
        for part in result["excerpt"].split("…"):
            assert _squeezed(part) in page_text[url], f"{query!r}: {part!r} is not on {url}"
    assert results_tab.console_errors == []


@pytest.mark.parametrize("query", ["推理优化", "线程池"])
def test_site_pages_come_after_every_note_page(results_tab, query: str) -> None:
    paths = [
        urlsplit(r["href"]).path.removeprefix(urlsplit(results_tab.base).path)
        for r in _results(results_tab, query)
    ]
    site = [
        i for i, path in enumerate(paths) if path in SITE_PAGES or path.startswith(("tags/", "contributing/"))
    ]
    notes = [i for i in range(len(paths)) if i not in site]
    assert notes and (not site or max(notes) < min(site)), paths


def test_a_notes_pages_are_listed_together_the_first_naming_it(results_tab) -> None:
    results = _results(results_tab, "推理优化")
    notes = [r["note"] or r["title"] for r in results[:4]]
    # The seed's overview first, then its sections, each with its own title.
    assert len(set(notes)) == 1, notes
    assert len({r["title"] for r in results[:4]}) == 4
    page = results_tab.page
    same = page.locator(".md-search-result__item:has(.ns-result__same)")
    assert same.count() >= 3
    # A further page of the note is indented under the first and does not repeat the note.
    first_box = page.locator(".md-search-result__item").first.bounding_box()
    assert same.first.bounding_box()["x"] > first_box["x"]
    assert (
        not same.first.locator(".ns-result__note").is_visible()
        or same.first.locator(".ns-result__note").bounding_box()["width"] <= 1
    )
