"""Material's search, as a reader uses it: type a term, open a result, see the term marked.

The expected pages come from reading the seed note (tests/fixtures/seed/inference-vs-operator-dev.md).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import seed_path

pytestmark = pytest.mark.browser

TOP = 3  # "among the first results": the first three pages listed

# query → the pages that discuss it; at least one must be among the first results.
EXPECTED = {
    # 1.1 lists 算子融合 under 计算图优化 and 1.2 under the operator developer's work.
    "算子融合": {seed_path("section-1")},
    # 1.1 量化技术 (INT8/INT4量化、动态量化); 2.1 模型压缩理论 (剪枝、量化、蒸馏).
    "量化": {seed_path("section-1"), seed_path("section-2")},
    # 1.1 推理引擎集成 (适配TensorRT); 2.1 推理引擎 skills and 学习并实践TensorRT.
    "TensorRT": {seed_path("section-1"), seed_path("section-2")},
    # 四、行业需求与薪资前景, with 4.2 薪资水平对比.
    "薪资": {seed_path("section-4")},
    # The note's title is about 应届生; 七、应届生选择建议 is the advice for them.
    "应届生": {seed_path(), seed_path("section-7")},
    # 7.4 两个方向的学习路径, and the timeline page built from it.
    "学习路径": {seed_path("section-7"), seed_path("timeline")},
}


def _search(page, query: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    # Material reads the query on keyup (as an input method's last key does), not on `input`; a
    # query typed before the search index is loaded finds nothing, so press again until it does.
    for _ in range(30):
        box.press("End")
        try:
            page.wait_for_function(
                "() => document.querySelector('.md-search-result__list')?.children.length > 0", timeout=500
            )
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"{query!r}: no search results after 15 s")


def _result_pages(page, base: str) -> list[str]:
    """The pages listed, in order: the first link of each result item, without query or anchor."""
    hrefs = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('a').href)"
    )
    return [urlsplit(href).path.removeprefix(urlsplit(base).path) for href in hrefs]


@pytest.mark.parametrize("query", EXPECTED)
def test_search_finds_the_page_and_highlights_the_term(tab, query: str) -> None:
    page = tab.open()
    _search(page, query)
    pages = _result_pages(page, tab.base)
    expected = EXPECTED[query]
    assert expected & set(pages[:TOP]), f"{query!r}: expected one of {sorted(expected)} in {pages[:TOP]}"

    # Open the first link into an expected page that carries the highlight parameter.
    target = next(p for p in pages[:TOP] if p in expected)
    links = page.locator(f'.md-search-result__item a[href^="{tab.base}{target}?h="]')
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    index = next(i for i, href in enumerate(hrefs) if parse_qs(urlsplit(href).query).get("h"))
    terms = parse_qs(urlsplit(hrefs[index]).query)["h"][0].split()
    links.nth(index).click()
    page.wait_for_url(f"{tab.base}{target}?h=*")

    marks = page.locator("article.md-content__inner mark")
    marks.first.wait_for()
    marked = set(marks.all_inner_texts())
    assert marked, f"{query!r}: nothing highlighted on {target}"
    assert all(text.lower() in query.lower() for text in marked), marked
    assert {t.lower() for t in terms} & {m.lower() for m in marked}
    marks.first.scroll_into_view_if_needed()
    assert marks.first.is_visible()
    assert tab.console_errors == []
