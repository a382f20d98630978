"""Getting around a note: the overview's section links, previous/next in the footer, edit links."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Built, seed_path

pytestmark = pytest.mark.browser


def _page_urls(notes_index: dict, *kinds: str) -> list[str]:
    """Pages of the note in navigation order, as paths below the site root ('' for the root)."""
    return [
        page["url"].removeprefix("./") for page in notes_index["pages"] if not kinds or page["kind"] in kinds
    ]


def test_overview_links_to_every_section(tab, notes_index: dict) -> None:
    page = tab.open(seed_path())
    linked = set(
        page.locator("article a[href]").evaluate_all("links => links.map(a => a.href.split('#')[0])")
    )
    sections = _page_urls(notes_index, "section")
    assert len(sections) == 8
    missing = [url for url in sections if tab.base + url not in linked]
    assert missing == [], "the overview has no link to these sections"


def test_footer_walks_the_note_in_order_both_ways(tab, notes_index: dict) -> None:
    order = _page_urls(notes_index)
    page = tab.open(order[0])
    # Before the note comes the home page only.
    assert page.locator("a.md-footer__link--prev").evaluate("a => a.href") == tab.base
    walked = [tab.path()]
    # Other pages of docs/ may follow the note in the nav: stop at the note's last page.
    while walked[-1] != order[-1] and len(walked) <= len(order):
        with page.expect_navigation():
            page.locator("a.md-footer__link--next").click()
        walked.append(tab.path())
        # "Previous" on each page leads back to the page just left.
        previous = page.locator("a.md-footer__link--prev").evaluate("a => a.href")
        assert previous == tab.base + walked[-2], walked[-1]
    assert walked == order
    assert tab.console_errors == []


def test_edit_links_open_the_source_note_at_the_page_lines(tab, site: Built, notes_index: dict) -> None:
    source = notes_index["source"]  # relative to the project's root, where mkdocs.yml is
    lines = (site.docs.parent / source).read_text("utf-8").splitlines()
    pages = [p for p in notes_index["pages"] if p["source_lines"]]
    assert len(pages) >= 10
    for spec in pages:
        page = tab.open(spec["url"].removeprefix("./"))
        edit = page.locator("a.md-content__button").first
        assert edit.is_visible(), spec["url"]
        start, end = spec["source_lines"]
        pattern = rf"https://github\.com/[^/]+/[^/]+/blob/main/{re.escape(source)}#L{start}-L{end}"
        assert re.fullmatch(pattern, edit.get_attribute("href")), (spec["url"], edit.get_attribute("href"))
        if spec["kind"] in ("section", "bibliography"):
            # The span starts at the page's own heading in the note.
            assert lines[start - 1] == f"## {spec['title']}", spec["url"]
            heading = page.locator("article h1").first.inner_text().removesuffix("¶").strip()
            assert heading == spec["title"], spec["url"]
